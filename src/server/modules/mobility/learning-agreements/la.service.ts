import type { Kysely, Selectable } from 'kysely'
import { HOLDING } from '../../../../shared/applications.js'
import { type LaComponent, type LaParty, type LaRemoved, versionProblems } from '../../../../shared/learning-agreements.js'
import type { DB } from '../../../db/schema.js'
import type { LearningAgreementVersionTable } from '../../../db/schema-applications.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { type Access, accessTo } from '../../applications/applications/applications.access.js'
import { applicationsWithPlace } from '../../applications/applications/applications.repository.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { notify } from '../../comms/notifications/notify.js'
import { versionLifecycle } from './la.status.js'

// The learning agreement's lifecycle (decision 022). The student (or the office for them) drafts
// a version; the student's signature proposes it; the sending coordinator (the office of the
// call) and the receiving coordinator (a partner coordinator of the host) sign it, and the third
// signature approves it; either coordinator may instead reject it with a comment. A new version
// starts from the latest, approved or rejected; after an approval it is a change proposal.

type VersionRow = Selectable<LearningAgreementVersionTable>

const { can } = versionLifecycle

/** Who signs for whom: the applicant as the student, the call's office as the sending institution, the host as the receiving one. */
const PARTY_OF: Partial<Record<Access, LaParty>> = { owner: 'student', office: 'sending', host: 'receiving' }

export interface LaInput {
  plannedStart: string
  plannedEnd: string
  components: LaComponent[]
  removed: LaRemoved[]
}

/** The agreement of an application the person may see with it (reviewers do not), with what they may do. */
export async function loadAgreement(db: Kysely<DB>, ctx: Ctx, applicationId: string) {
  const { row, access } = await accessTo(db, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  const la = await db.selectFrom('learning_agreements').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
  const canStart = !la && (access === 'owner' || access === 'office') && HOLDING.includes(row.status)
  if (!la) return { agreement: null, canStart }
  const [versions, signatures, parties] = await Promise.all([
    db
      .selectFrom('learning_agreement_versions')
      .selectAll()
      .where('agreement_id', '=', la.id)
      .orderBy('number', 'desc')
      .execute(),
    db
      .selectFrom('learning_agreement_signatures as s')
      .innerJoin('learning_agreement_versions as v', 'v.id', 's.version_id')
      .select(['s.version_id', 's.party', 's.signer_name', 's.signer_position', 's.signer_email', 's.signed_at'])
      .where('v.agreement_id', '=', la.id)
      .execute(),
    partiesOf(db, applicationId),
  ])
  const party = PARTY_OF[access] ?? null
  const open = versions.find((v) => v.status === 'draft' || v.status === 'proposed') ?? null
  const signedOpen = new Set(signatures.filter((s) => s.version_id === open?.id).map((s) => s.party))
  const latest = versions[0]!
  const holds = HOLDING.includes(row.status)
  return {
    canStart: false,
    agreement: {
      id: la.id,
      applicationId,
      plannedStart: la.planned_start,
      plannedEnd: la.planned_end,
      ...parties,
      versions: versions.map((v) => ({
        id: v.id,
        number: v.number,
        status: v.status,
        /** A first version is the agreement before the mobility; a later one after an approval proposes changes. */
        kind: versions.some((o) => o.number < v.number && o.status === 'approved')
          ? ('changes' as const)
          : ('before_mobility' as const),
        components: v.components,
        removed: v.removed,
        comment: v.comment,
        createdAt: iso(v.created_at) as string,
        decidedAt: iso(v.decided_at),
        signatures: signatures
          .filter((s) => s.version_id === v.id)
          .map((s) => ({
            party: s.party,
            name: s.signer_name,
            position: s.signer_position,
            email: s.signer_email,
            signedAt: iso(s.signed_at) as string,
          })),
      })),
      actions: {
        party,
        edit: holds && open?.status === 'draft' && (access === 'owner' || access === 'office'),
        sign:
          holds &&
          party !== null &&
          open !== null &&
          !signedOpen.has(party) &&
          can(party === 'student' ? 'propose' : 'countersign', open.status),
        reject: holds && open !== null && can('reject', open.status) && (party === 'sending' || party === 'receiving'),
        newVersion: holds && !open && (access === 'owner' || access === 'office') && latest.status !== 'draft',
      },
    },
  }
}

async function partiesOf(db: Kysely<DB>, applicationId: string) {
  const r = await applicationsWithPlace(db)
    .select(['u.name', 'u.email', 'c.academic_year', 'o.title', 'h.name as host'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const home = await db.selectFrom('institutions').select('name').where('is_home', '=', true).executeTakeFirst()
  return {
    student: { name: r.name, email: r.email },
    academicYear: r.academic_year,
    opportunityTitle: r.title ?? {},
    sendingInstitution: home?.name ?? '',
    receivingInstitution: r.host ?? '',
  }
}

/** The application, locked, for a step of its agreement by someone with the given kinds of access. */
async function forStep(trx: Kysely<DB>, ctx: Ctx, applicationId: string, allowed: Access[]) {
  const { row, access } = await accessTo(trx, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  if (!allowed.includes(access))
    throw new AppError(AppErrorCode.FORBIDDEN, 'This step of the learning agreement is not yours to take.')
  const locked = await lockApplication(trx, row.id)
  if (!HOLDING.includes(locked.status)) {
    throw new AppError(AppErrorCode.CONFLICT, 'The learning agreement is only for a place the student holds.')
  }
  const la = await trx.selectFrom('learning_agreements').selectAll().where('application_id', '=', row.id).executeTakeFirst()
  return { row: locked, access, la }
}

async function versionsOf(trx: Kysely<DB>, agreementId: string) {
  return trx
    .selectFrom('learning_agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('number', 'desc')
    .forUpdate()
    .execute()
}

const lastApproved = (versions: VersionRow[], below = Number.POSITIVE_INFINITY) =>
  versions.find((v) => v.status === 'approved' && v.number < below) ?? null

/** Starts the agreement with an empty first draft. */
export async function startAgreement(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  input: { plannedStart: string; plannedEnd: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { la } = await forStep(trx, ctx, applicationId, ['owner', 'office'])
    if (la) throw new AppError(AppErrorCode.CONFLICT, 'This mobility already has a learning agreement.')
    checkPeriod(input)
    const created = await trx
      .insertInto('learning_agreements')
      .values({ application_id: applicationId, planned_start: input.plannedStart, planned_end: input.plannedEnd })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('learning_agreement_versions')
      .values({ agreement_id: created.id, number: 1, components: '[]', removed: '[]', created_by: ctx.actor!.id })
      .execute()
    await recordAudit(trx, ctx, { entityType: 'learning_agreement', entityId: created.id, action: 'create', after: input })
  })
}

function checkPeriod(input: { plannedStart: string; plannedEnd: string }) {
  if (input.plannedEnd < input.plannedStart) throw AppError.validation('body.plannedEnd', 'must not be before the start')
}

/** Saves the open draft. Problems that only matter when it is proposed are not refused here. */
export async function saveDraft(deps: MailDeps, ctx: Ctx, applicationId: string, input: LaInput) {
  await deps.db.transaction().execute(async (trx) => {
    const { la } = await forStep(trx, ctx, applicationId, ['owner', 'office'])
    if (!la) throw AppError.notFound('The learning agreement')
    checkPeriod(input)
    const versions = await versionsOf(trx, la.id)
    const draft = versions.find((v) => v.status === 'draft')
    if (!draft) throw new AppError(AppErrorCode.CONFLICT, 'There is no draft to edit: start a new version first.')
    const approved = lastApproved(versions, draft.number)
    if (!approved && input.removed.length) throw AppError.validation('body.removed', 'must be empty in a first version')
    await trx
      .updateTable('learning_agreements')
      .set({ planned_start: input.plannedStart, planned_end: input.plannedEnd, updated_at: new Date() })
      .where('id', '=', la.id)
      .execute()
    await trx
      .updateTable('learning_agreement_versions')
      .set({ components: JSON.stringify(input.components), removed: JSON.stringify(input.removed) })
      .where('id', '=', draft.id)
      .execute()
    await recordAudit(trx, ctx, {
      entityType: 'learning_agreement',
      entityId: la.id,
      action: 'save_draft',
      before: { components: draft.components, removed: draft.removed },
      after: { version: draft.number, ...input },
    })
  })
}

/** A new draft from the latest version: a change proposal after an approval, or a second try after a rejection. */
export async function newVersion(deps: MailDeps, ctx: Ctx, applicationId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { la } = await forStep(trx, ctx, applicationId, ['owner', 'office'])
    if (!la) throw AppError.notFound('The learning agreement')
    const versions = await versionsOf(trx, la.id)
    const latest = versions[0]!
    if (latest.status === 'draft' || latest.status === 'proposed') {
      throw new AppError(AppErrorCode.CONFLICT, `Version ${latest.number} is still ${latest.status}: finish it first.`)
    }
    // After a rejection the draft picks up what was rejected, with its reasons; after an approval it starts from it.
    const components =
      latest.status === 'approved'
        ? latest.components.map((c) => ({ ...c, reasonCode: null, reasonText: null }))
        : latest.components
    await trx
      .insertInto('learning_agreement_versions')
      .values({
        agreement_id: la.id,
        number: latest.number + 1,
        components: JSON.stringify(components),
        removed: JSON.stringify(latest.status === 'approved' ? [] : latest.removed),
        created_by: ctx.actor!.id,
      })
      .execute()
    await recordAudit(trx, ctx, {
      entityType: 'learning_agreement',
      entityId: la.id,
      action: 'new_version',
      after: { number: latest.number + 1 },
    })
  })
}

/**
 * Signs the open version for the signer's party: the student's signature proposes the draft
 * (once it is complete); the coordinators sign a proposal; the last of the three approves it.
 */
export async function signVersion(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  input: { name: string; position: string },
  now = deps.clock.now(),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { la, access } = await forStep(trx, ctx, applicationId, ['owner', 'office', 'host'])
    if (!la) throw AppError.notFound('The learning agreement')
    const party = PARTY_OF[access]!
    const versions = await versionsOf(trx, la.id)
    const open = versions.find((v) => v.status === 'draft' || v.status === 'proposed')
    if (!open) throw new AppError(AppErrorCode.CONFLICT, 'There is no version waiting for a signature.')
    const signed = await trx
      .selectFrom('learning_agreement_signatures')
      .select('party')
      .where('version_id', '=', open.id)
      .execute()
    if (signed.some((s) => s.party === party))
      throw new AppError(AppErrorCode.CONFLICT, `Version ${open.number} already has this signature.`)
    if (party === 'student') {
      if (!can('propose', open.status)) throw new AppError(AppErrorCode.CONFLICT, 'The student signs a draft, which proposes it.')
      const problems = versionProblems(lastApproved(versions, open.number)?.components ?? null, open.components, open.removed)
      if (problems.length) {
        throw new AppError(
          AppErrorCode.VALIDATION,
          `The draft is not complete: ${problems.map(([p, m]) => `${p} ${m}`).join('; ')}.`,
          {
            errors: problems.map(([path, message]) => ({ path: `draft.${path}`, message })),
          },
        )
      }
    } else if (!can('countersign', open.status)) {
      throw new AppError(AppErrorCode.CONFLICT, 'The coordinators sign once the student has signed and proposed the version.')
    }
    await trx
      .insertInto('learning_agreement_signatures')
      .values({
        version_id: open.id,
        party,
        user_id: ctx.actor!.id,
        signer_name: input.name,
        signer_position: input.position,
        signer_email: ctx.actor!.email,
        signed_at: now,
      })
      .execute()
    const step = party === 'student' ? 'propose' : signed.length + 1 === 3 ? 'approve' : 'countersign'
    const status = await versionLifecycle.take(
      trx,
      ctx,
      open,
      step,
      step === 'approve' ? { decided_at: now } : {},
      { version: open.number, party, name: input.name, position: input.position },
      { as: 'sign', before: { version: open.number }, entityId: la.id },
    )
    await tellAbout(
      trx,
      deps,
      applicationId,
      open.number,
      status === 'approved' ? 'approved' : party === 'student' ? 'proposed' : 'signed',
    )
  })
}

/** A coordinator rejects the proposal, saying why; the student can then start a new version from it. */
export async function rejectVersion(deps: MailDeps, ctx: Ctx, applicationId: string, comment: string, now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const { la } = await forStep(trx, ctx, applicationId, ['office', 'host'])
    if (!la) throw AppError.notFound('The learning agreement')
    const versions = await versionsOf(trx, la.id)
    const open = versions.find((v) => v.status === 'proposed')
    if (!open) throw new AppError(AppErrorCode.CONFLICT, 'There is no proposal to reject.')
    await versionLifecycle.take(
      trx,
      ctx,
      open,
      'reject',
      { comment, decided_by: ctx.actor!.id, decided_at: now },
      { version: open.number, comment },
      { before: { version: open.number }, entityId: la.id },
    )
    await tellAbout(trx, deps, applicationId, open.number, 'rejected', { by: ctx.actor!.name, comment })
  })
}

/**
 * Who hears of a step: a proposal goes to the coordinators who sign next (the officer who
 * nominated the student, the host's partner coordinators); an approval or a rejection to the
 * student; a coordinator's signature to no one (the approval follows).
 */
async function tellAbout(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  number: number,
  what: 'proposed' | 'signed' | 'approved' | 'rejected',
  rejection?: { by: string; comment: string },
) {
  if (what === 'signed') return
  const info = await applicationsWithPlace(trx)
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .select(['u.name', 'u.email', 'n.email as officer_email', 'o.host_institution_id', 'a.status'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const link = `/learning-agreements/${applicationId}`
  if (what === 'proposed') {
    const hosts =
      info.host_institution_id && info.status !== 'accepted'
        ? await trx
            .selectFrom('users')
            .select('email')
            .where('role', '=', 'partner')
            .where('institution_id', '=', info.host_institution_id)
            .where('active', '=', true)
            .execute()
        : []
    const office = info.officer_email ? [info.officer_email] : []
    for (const to of [...office, ...hosts.map((h) => h.email)])
      await notify(trx, deps, { link, to, template: 'laToSign', vars: { student: info.name, version: number } })
    return
  }
  if (what === 'approved') await notify(trx, deps, { link, to: info.email, template: 'laApproved', vars: { version: number } })
  else
    await notify(trx, deps, {
      link,
      to: info.email,
      template: 'laRejected',
      vars: { version: number, by: rejection?.by ?? '', comment: rejection?.comment ?? '' },
    })
}
