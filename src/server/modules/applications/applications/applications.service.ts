import type { Kysely, Selectable } from 'kysely'
import type { CefrLevel } from '../../../../shared/agreements.js'
import { type ApplicantProfile, HOLDING, SPECIAL_CATEGORY_KINDS, unmetRequirements } from '../../../../shared/applications.js'
import { callPhase, type DocumentKind } from '../../../../shared/calls.js'
import { toZoned } from '../../../../shared/zoned-time.js'
import type { DB } from '../../../db/schema.js'
import type { ApplicationTable } from '../../../db/schema-applications.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { notify } from '../../comms/notifications/notify.js'
import { latestRequests } from '../documents/deletion-requests.js'
import {
  applicantAndCall,
  applicationIdsOf,
  applicationRows,
  callRow,
  choosableIn,
  lockCallAndApplication,
  lockOwnApplication,
  profileRow,
  releasePlace,
  updateDraft,
  upsertProfile,
  writeChoices,
} from './applications.repository.js'
import type { ApplicationDto, ApplicationInput, ProfileInput } from './applications.schema.js'
import { applicationLifecycle } from './applications.status.js'

type Row = Selectable<ApplicationTable>
const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v))

/** Which role applies to calls for which audience. */
const APPLIES: Record<string, string> = { outgoing_students: 'student', incoming_students: 'student', staff: 'staff' }

export async function profileOf(db: Kysely<DB>, userId: string): Promise<ApplicantProfile> {
  const row = await profileRow(db, userId)
  return {
    studentNumber: row?.student_number ?? null,
    yearOfStudy: row?.year_of_study ?? null,
    programme: row?.programme ?? null,
    gradeAverage: num(row?.grade_average),
    languages: (row?.languages ?? {}) as Record<string, CefrLevel>,
  }
}

async function saveProfile(trx: Kysely<DB>, userId: string, p: ProfileInput) {
  const values = {
    student_number: p.studentNumber,
    year_of_study: p.yearOfStudy,
    programme: p.programme,
    grade_average: p.gradeAverage,
    languages: JSON.stringify(p.languages),
    updated_at: new Date(),
  }
  await upsertProfile(trx, userId, values)
}

export async function updateProfile(deps: Pick<Deps, 'db'>, ctx: Ctx, p: ProfileInput) {
  await deps.db.transaction().execute(async (trx) => {
    const before = await profileOf(trx, ctx.actor!.id)
    await saveProfile(trx, ctx.actor!.id, p)
    await recordAudit(trx, ctx, { entityType: 'student_profile', entityId: ctx.actor!.id, action: 'update', before, after: p })
  })
}

/** Applications as their DTOs, in the order of the ids, in a fixed number of queries. */
export async function loadApplications(db: Kysely<DB>, ids: string[], now: Date): Promise<ApplicationDto[]> {
  if (ids.length === 0) return []
  const [{ rows, choices, documents }, requests] = await Promise.all([
    applicationRows(db, ids),
    // Read beside the documents, by application: no round trip waits for the documents first.
    latestRequests(db, ids),
  ])
  const byId = new Map(
    rows.map((r) => {
      const profile = profileFromSnapshot(r.profile)
      const mine = choices.filter((c) => c.application_id === r.id)
      const ref = (c: (typeof mine)[number]) => ({
        opportunityId: c.id,
        kind: c.kind,
        incoming: c.direction === 'incoming',
        title: c.title,
        host: { name: c.host_name, country: c.host_country },
      })
      const docs = documents.filter((d) => d.application_id === r.id)
      const offered = mine.find((c) => c.id === r.offered_opportunity_id)
      const dto: ApplicationDto = {
        id: r.id,
        status: r.status,
        call: {
          id: r.call_id,
          title: r.call_title,
          academicYear: r.academic_year,
          timeZone: r.time_zone,
          audience: r.audience,
          closesAt: iso(r.closes_at)!,
          phase: callPhase(r.opens_at, r.closes_at, now),
          maxChoices: r.max_choices,
          requiredDocuments: r.required_documents as DocumentKind[],
        },
        applicant: { id: r.applicant_id, name: r.applicant_name, email: r.applicant_email },
        profile,
        motivation: r.motivation,
        choices: mine.map((c) => ({
          ...ref(c),
          rank: c.rank,
          unmet: unmetRequirements(profile, r.eligibility, {
            yearsOfStudy: c.years_of_study,
            minGrade: num(c.min_grade),
            languages: c.languages,
          }),
        })),
        documents: docs.map((d) => ({
          id: d.id,
          kind: d.kind,
          fileName: d.file_name,
          mime: d.mime,
          size: d.size,
          special: SPECIAL_CATEGORY_KINDS.includes(d.kind),
          expiresOn: d.expires_on,
          createdAt: iso(d.created_at)!,
          deletionRequest: requests.get(d.id) ?? null,
        })),
        missingDocuments: (r.required_documents as DocumentKind[]).filter((k) => !docs.some((d) => d.kind === k)),
        offer: offered ? { ...ref(offered), choice: r.offered_choice ?? offered.rank, deadline: iso(r.offer_deadline) } : null,
        submittedAt: iso(r.submitted_at),
        withdrawnAt: iso(r.withdrawn_at),
        withdrawReason: r.withdraw_reason,
        nominatedAt: iso(r.nominated_at),
        hostDecidedAt: iso(r.host_decided_at),
        hostReason: r.host_reason,
        updatedAt: iso(r.updated_at)!,
      }
      return [r.id, dto] as const
    }),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export async function loadApplication(db: Kysely<DB>, id: string, now: Date): Promise<ApplicationDto> {
  const [dto] = await loadApplications(db, [id], now)
  if (!dto) throw AppError.notFound('The application')
  return dto
}

function profileFromSnapshot(p: Record<string, unknown>): ApplicantProfile {
  return {
    studentNumber: (p.studentNumber as string) ?? null,
    yearOfStudy: (p.yearOfStudy as number) ?? null,
    programme: (p.programme as string) ?? null,
    gradeAverage: (p.gradeAverage as number) ?? null,
    languages: (p.languages as Record<string, CefrLevel>) ?? {},
  }
}

export async function myApplications(db: Kysely<DB>, actor: Actor, now: Date): Promise<ApplicationDto[]> {
  return loadApplications(db, await applicationIdsOf(db, actor.id), now)
}

/** The call, checked to be one this person can apply to now. */
async function openCallFor(db: Kysely<DB>, actor: Actor, callId: string, now: Date) {
  const call = await callRow(db, callId)
  if (call?.status !== 'published') throw AppError.notFound('The call')
  if (APPLIES[call.audience] !== actor.role)
    throw new AppError(
      AppErrorCode.FORBIDDEN,
      `This call is for ${call.audience.replace('_', ' ')}; your account cannot apply to it.`,
    )
  const phase = callPhase(call.opens_at, call.closes_at, now)
  if (phase !== 'open') {
    const at = phase === 'upcoming' ? call.opens_at : call.closes_at
    const when = `${toZoned(at, call.time_zone).replace('T', ' ')} (${call.time_zone})`
    throw new AppError(AppErrorCode.CONFLICT, phase === 'upcoming' ? `The call opens at ${when}.` : `The call closed at ${when}.`)
  }
  return call
}

/** Creates or changes the person's draft in a call: their profile, ranked choices and motivation. */
export async function saveApplication(
  deps: Pick<Deps, 'db' | 'clock'>,
  ctx: Ctx,
  callId: string,
  input: ApplicationInput,
  now = deps.clock.now(),
) {
  const actor = ctx.actor!
  return deps.db.transaction().execute(async (trx) => {
    const call = await openCallFor(trx, actor, callId, now)
    if (input.choices.length > call.max_choices)
      throw AppError.validation('body.choices', `must list at most ${call.max_choices} choices in this call`)
    const known = await choosableIn(trx, callId)
    input.choices.forEach((id, i) => {
      if (!known.has(id)) throw AppError.validation(`body.choices.${i}`, 'is not offered in this call')
    })
    const existing = await lockOwnApplication(trx, callId, actor.id)
    if (existing && existing.status !== 'draft')
      throw new AppError(AppErrorCode.CONFLICT, `The application is ${existing.status}; only a draft can be changed.`)
    await saveProfile(trx, actor.id, input.profile)
    const values = { profile: JSON.stringify(input.profile), motivation: input.motivation, updated_at: now }
    const after = { callId, choices: input.choices, motivation: input.motivation, profile: input.profile }
    let id: string
    if (existing) {
      id = existing.id
      await updateDraft(trx, id, values)
      await recordAudit(trx, ctx, {
        entityType: 'application',
        entityId: id,
        action: 'update',
        before: { motivation: existing.motivation, profile: existing.profile },
        after,
      })
    } else {
      id = await applicationLifecycle.create(trx, ctx, 'start', { ...values, call_id: callId, applicant_id: actor.id }, after)
    }
    await writeChoices(trx, id, input.choices)
    return id
  })
}

/**
 * Locks the application's call, then the application. Everything that moves places between a
 * call's applications (answers, withdrawals, the host's answer, lapses) takes the call first,
 * so two of them wait for each other instead of deadlocking or giving one place twice.
 */
export async function lockApplication(trx: Kysely<DB>, id: string): Promise<Row> {
  const row = await lockCallAndApplication(trx, id)
  if (!row) throw AppError.notFound('The application')
  return row
}

/** Submits the person's own draft, before the call closes, with everything the call asks for. */
export async function submitApplication(deps: MailDeps, ctx: Ctx, id: string, now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, id)
    if (row.applicant_id !== ctx.actor!.id) throw AppError.notFound('The application')
    applicationLifecycle.refuse('submit', row.status)
    await openCallFor(trx, ctx.actor!, row.call_id, now)
    const [dto] = await loadApplications(trx, [id], now)
    const problems: { path: string; message: string }[] = []
    const p = dto!.profile
    if (!p.studentNumber) problems.push({ path: 'profile.studentNumber', message: 'is required' })
    if (p.yearOfStudy === null) problems.push({ path: 'profile.yearOfStudy', message: 'is required' })
    if (!p.programme) problems.push({ path: 'profile.programme', message: 'is required' })
    if (p.gradeAverage === null) problems.push({ path: 'profile.gradeAverage', message: 'is required' })
    if (dto!.choices.length === 0) problems.push({ path: 'choices', message: 'must list at least one opportunity' })
    dto!.choices.forEach((c, i) => {
      if (c.unmet.length > 0)
        problems.push({
          path: `choices.${i}`,
          message: `you do not meet its requirements (${c.unmet.map((u) => u.rule).join(', ')})`,
        })
    })
    if (dto!.motivation.trim().length < 50) problems.push({ path: 'motivation', message: 'must be at least 50 characters' })
    for (const kind of dto!.missingDocuments) problems.push({ path: `documents.${kind}`, message: 'must be uploaded' })
    if (problems.length > 0)
      throw new AppError(
        AppErrorCode.VALIDATION,
        `The application is not complete: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}.`,
        {
          errors: problems,
        },
      )
    await applicationLifecycle.take(trx, ctx, row, 'submit', { submitted_at: now })
    await tellApplicant(trx, deps, id, 'applicationSubmitted')
  })
}

/**
 * Withdraws an application, inside the caller's transaction: the applicant's own at any time
 * before a declined answer, or the office's on their behalf. Says whether it gave back a place
 * (offered or held), which the selection then gives to the next in line before the receipt goes
 * (allocation's `withdraw`).
 */
export async function withdrawApplicationIn(
  trx: Kysely<DB>,
  ctx: Ctx,
  id: string,
  reason: string | null,
  now: Date,
): Promise<{ callId: string; freedPlace: boolean }> {
  const row = await lockApplication(trx, id)
  await applicationLifecycle.take(trx, ctx, row, 'withdraw', { withdrawn_at: now, withdraw_reason: reason }, { reason })
  if (HOLDING.includes(row.status) && row.offered_opportunity_id) await releasePlace(trx, row.call_id, row.offered_opportunity_id)
  return { callId: row.call_id, freedPlace: row.status === 'offered' || HOLDING.includes(row.status) }
}

/** The applicant's receipt for their withdrawal, sent after the place they gave back has gone on. */
export async function sendWithdrawalReceipt(trx: Kysely<DB>, deps: Pick<Deps, 'mail' | 'env'>, id: string) {
  await tellApplicant(trx, deps, id, 'applicationWithdrawn')
}

/** The applicant's receipt for a step of their application, naming the call. */
async function tellApplicant(
  trx: Kysely<DB>,
  deps: Pick<Deps, 'mail' | 'env'>,
  id: string,
  template: 'applicationSubmitted' | 'applicationWithdrawn',
) {
  const a = await applicantAndCall(trx, id)
  await notify(trx, deps, { link: '/applications', to: a.email, template, vars: (r) => ({ call: r.text(a.title) }) })
}
