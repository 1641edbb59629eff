import type { Kysely, Selectable } from 'kysely'
import { HOLDING } from '../../../../shared/applications.js'
import { type LaComponent, type LaRemoved, versionProblems } from '../../../../shared/learning-agreements.js'
import type { DB } from '../../../db/schema.js'
import type { LearningAgreementVersionTable } from '../../../db/schema-applications.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { notify } from '../../comms/notifications/notify.js'
import { type LaStep, mayTakeLaStep, PARTY_OF } from './la.policy.js'
import {
  agreementOf,
  insertAgreement,
  insertSignature,
  insertVersion,
  laRecipients,
  lockVersions,
  partiesRow,
  partnerCoordinators,
  signatureRows,
  signedParties,
  versionRows,
  writeDraft,
} from './la.repository.js'
import { versionLifecycle } from './la.status.js'

// The learning agreement's lifecycle (decision 022). The student (or the office for them) drafts
// a version; the student's signature proposes it; the sending coordinator (the office of the
// call) and the receiving coordinator (a partner coordinator of the host) sign it, and the third
// signature approves it; either coordinator may instead reject it with a comment. A new version
// starts from the latest, approved or rejected; after an approval it is a change proposal.

type VersionRow = Selectable<LearningAgreementVersionTable>

const { can } = versionLifecycle

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
  const la = await agreementOf(db, applicationId)
  const canStart = !la && mayTakeLaStep('draft', access) && HOLDING.includes(row.status)
  if (!la) return { agreement: null, canStart }
  const [versions, signatures, parties] = await Promise.all([
    versionRows(db, la.id),
    signatureRows(db, la.id),
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
        edit: holds && open?.status === 'draft' && mayTakeLaStep('draft', access),
        sign:
          holds &&
          party !== null &&
          open !== null &&
          !signedOpen.has(party) &&
          can(party === 'student' ? 'propose' : 'countersign', open.status),
        reject: holds && open !== null && can('reject', open.status) && mayTakeLaStep('reject', access),
        newVersion: holds && !open && mayTakeLaStep('draft', access) && latest.status !== 'draft',
      },
    },
  }
}

async function partiesOf(db: Kysely<DB>, applicationId: string) {
  const r = await partiesRow(db, applicationId)
  return {
    student: { name: r.name, email: r.email },
    academicYear: r.academic_year,
    opportunityTitle: r.title ?? {},
    sendingInstitution: r.home,
    receivingInstitution: r.host ?? '',
  }
}

/** The application, locked, for a step of its agreement by someone the policy lets take it. */
async function forStep(trx: Kysely<DB>, ctx: Ctx, applicationId: string, step: LaStep) {
  const { row, access } = await accessTo(trx, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  if (!mayTakeLaStep(step, access))
    throw new AppError(AppErrorCode.FORBIDDEN, 'This step of the learning agreement is not yours to take.')
  const locked = await lockApplication(trx, row.id)
  if (!HOLDING.includes(locked.status)) {
    throw new AppError(AppErrorCode.CONFLICT, 'The learning agreement is only for a place the student holds.')
  }
  const la = await agreementOf(trx, row.id)
  return { row: locked, access, la }
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
    const { la } = await forStep(trx, ctx, applicationId, 'draft')
    if (la) throw new AppError(AppErrorCode.CONFLICT, 'This mobility already has a learning agreement.')
    checkPeriod(input)
    const id = await insertAgreement(trx, {
      application_id: applicationId,
      planned_start: input.plannedStart,
      planned_end: input.plannedEnd,
    })
    await insertVersion(trx, { agreement_id: id, number: 1, components: '[]', removed: '[]', created_by: ctx.actor!.id })
    await recordAudit(trx, ctx, { entityType: 'learning_agreement', entityId: id, action: 'create', after: input })
  })
}

function checkPeriod(input: { plannedStart: string; plannedEnd: string }) {
  if (input.plannedEnd < input.plannedStart) throw AppError.validation('body.plannedEnd', 'must not be before the start')
}

/** Saves the open draft. Problems that only matter when it is proposed are not refused here. */
export async function saveDraft(deps: MailDeps, ctx: Ctx, applicationId: string, input: LaInput) {
  await deps.db.transaction().execute(async (trx) => {
    const { la } = await forStep(trx, ctx, applicationId, 'draft')
    if (!la) throw AppError.notFound('The learning agreement')
    checkPeriod(input)
    const versions = await lockVersions(trx, la.id)
    const draft = versions.find((v) => v.status === 'draft')
    if (!draft) throw new AppError(AppErrorCode.CONFLICT, 'There is no draft to edit: start a new version first.')
    const approved = lastApproved(versions, draft.number)
    if (!approved && input.removed.length) throw AppError.validation('body.removed', 'must be empty in a first version')
    await writeDraft(trx, { agreementId: la.id, versionId: draft.id }, input)
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
    const { la } = await forStep(trx, ctx, applicationId, 'draft')
    if (!la) throw AppError.notFound('The learning agreement')
    const versions = await lockVersions(trx, la.id)
    const latest = versions[0]!
    if (latest.status === 'draft' || latest.status === 'proposed') {
      throw new AppError(AppErrorCode.CONFLICT, `Version ${latest.number} is still ${latest.status}: finish it first.`)
    }
    // After a rejection the draft picks up what was rejected, with its reasons; after an approval it starts from it.
    const components =
      latest.status === 'approved'
        ? latest.components.map((c) => ({ ...c, reasonCode: null, reasonText: null }))
        : latest.components
    await insertVersion(trx, {
      agreement_id: la.id,
      number: latest.number + 1,
      components: JSON.stringify(components),
      removed: JSON.stringify(latest.status === 'approved' ? [] : latest.removed),
      created_by: ctx.actor!.id,
    })
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
    const { la, access } = await forStep(trx, ctx, applicationId, 'sign')
    if (!la) throw AppError.notFound('The learning agreement')
    const party = PARTY_OF[access]!
    const versions = await lockVersions(trx, la.id)
    const open = versions.find((v) => v.status === 'draft' || v.status === 'proposed')
    if (!open) throw new AppError(AppErrorCode.CONFLICT, 'There is no version waiting for a signature.')
    const signed = await signedParties(trx, open.id)
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
    await insertSignature(trx, {
      version_id: open.id,
      party,
      user_id: ctx.actor!.id,
      signer_name: input.name,
      signer_position: input.position,
      signer_email: ctx.actor!.email,
      signed_at: now,
    })
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
    const { la } = await forStep(trx, ctx, applicationId, 'reject')
    if (!la) throw AppError.notFound('The learning agreement')
    const versions = await lockVersions(trx, la.id)
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
  const info = await laRecipients(trx, applicationId)
  const link = `/learning-agreements/${applicationId}`
  if (what === 'proposed') {
    const hosts =
      info.host_institution_id && info.status !== 'accepted' ? await partnerCoordinators(trx, info.host_institution_id) : []
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
