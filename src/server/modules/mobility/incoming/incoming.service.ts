import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { todayUtc } from '../../../kernel/dates.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { applicationLifecycle } from '../../applications/applications/applications.status.js'
import { mobilityPeople, tellAboutMobility, tellStudent } from '../mobilities/mobility.mail.js'
import { lockMobility, mobilityOf } from '../mobilities/mobility.repository.js'
import { endStay } from '../mobilities/mobility.status.js'
import { INCOMING_STEPS, mayTakeIncomingStep, readsIncoming } from './incoming.policy.js'
import { directionOf, visaDetailsOf, writeVisaDetails } from './incoming.repository.js'

// Incoming students (issue 6, point 9; decision 029). We are the host: once an incoming student
// has accepted their place, the office admits them (no nomination), which makes the letter of
// acceptance available; the student (or the office) gives what a visa invitation letter needs;
// the clearance is the checklist before departure, built from the elective's requirements; the
// office confirms the end of the stay with an evaluation, which makes the certificate of
// attendance available. Each step is refused with 409 when it does not fit, and audited.

export type LetterKind = 'acceptance' | 'visa' | 'certificate'

export interface VisaDetails {
  nationality: string
  dateOfBirth: string
  passportNumber: string
  passportExpiresOn: string
}

async function incomingAccess(db: Kysely<DB>, ctx: Ctx, applicationId: string) {
  const { row, call, access } = await accessTo(db, ctx.actor!, applicationId)
  if (!readsIncoming(access)) throw AppError.notFound('The application')
  if (!(await weHost(db, row.offered_opportunity_id)))
    throw new AppError(AppErrorCode.CONFLICT, 'This application is not for a place we host.')
  return { row, access, call }
}

/** Whether the place offered is one we host (an incoming student's elective, a visiting professor's teaching). */
export async function weHost(db: Kysely<DB>, opportunityId: string | null): Promise<boolean> {
  if (!opportunityId) return false
  return (await directionOf(db, opportunityId)) === 'incoming'
}

/** What an incoming application has and allows: its letters, the visa details, the end of the stay. */
export async function loadIncoming(db: Kysely<DB>, ctx: Ctx, applicationId: string) {
  const { row, access } = await incomingAccess(db, ctx, applicationId)
  const [visa, m] = await Promise.all([visaDetailsOf(db, applicationId), mobilityOf(db, applicationId)])
  const admitted = row.status === 'host_accepted'
  return {
    applicationId,
    status: row.status,
    admittedAt: iso(row.host_decided_at),
    visaDetails: visa
      ? {
          nationality: visa.nationality,
          dateOfBirth: visa.date_of_birth,
          passportNumber: visa.passport_number,
          passportExpiresOn: visa.passport_expires_on,
        }
      : null,
    arrivedOn: m?.arrived_on ?? null,
    leftOn: m?.left_on ?? null,
    evaluation: m?.evaluation ?? null,
    letters: { acceptance: admitted, visa: admitted && !!visa, certificate: admitted && !!m?.left_on },
    actions: {
      admit: mayTakeIncomingStep('admit', access) && row.status === 'accepted',
      visaDetails: mayTakeIncomingStep('visaDetails', access) && admitted && !m,
      depart: mayTakeIncomingStep('depart', access) && admitted && m?.status === 'abroad',
    },
  }
}

/** The office admits an incoming student who accepted their place: we are the host. */
export async function admit(deps: MailDeps, ctx: Ctx, applicationId: string, now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await incomingAccess(trx, ctx, applicationId)
    if (!mayTakeIncomingStep('admit', access)) throw new AppError(AppErrorCode.FORBIDDEN, INCOMING_STEPS.admit.refusal)
    const row = await lockApplication(trx, applicationId)
    await applicationLifecycle.take(trx, ctx, row, 'admit', { host_decided_at: now, host_decided_by: ctx.actor!.id })
    const p = await mobilityPeople(trx, applicationId)
    await tellAboutMobility(trx, deps, applicationId, p.email, 'admitted', (r) => ({
      opportunity: r.text(p.opportunity),
      year: p.academic_year,
    }))
  })
}

/** What the visa invitation letter needs; kept until the stay begins (then the letter has done its work). */
export async function saveVisaDetails(
  deps: Pick<MailDeps, 'db' | 'clock'>,
  ctx: Ctx,
  applicationId: string,
  input: VisaDetails,
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await incomingAccess(trx, ctx, applicationId)
    if (!mayTakeIncomingStep('visaDetails', access))
      throw new AppError(AppErrorCode.FORBIDDEN, INCOMING_STEPS.visaDetails.refusal)
    const row = await lockApplication(trx, applicationId)
    if (row.status !== 'host_accepted')
      throw new AppError(
        AppErrorCode.CONFLICT,
        `The application is ${row.status}: the visa letter comes once the student is admitted.`,
      )
    if (await mobilityOf(trx, applicationId))
      throw new AppError(AppErrorCode.CONFLICT, 'The student has arrived: the visa invitation letter is no longer needed.')
    if (input.dateOfBirth >= today) throw AppError.validation('body.dateOfBirth', 'must be in the past')
    if (input.passportExpiresOn <= today) throw AppError.validation('body.passportExpiresOn', 'must be in the future')
    const values = {
      nationality: input.nationality,
      date_of_birth: input.dateOfBirth,
      passport_number: input.passportNumber,
      passport_expires_on: input.passportExpiresOn,
      updated_by: ctx.actor!.id,
      updated_at: new Date(),
    }
    await writeVisaDetails(trx, applicationId, values)
    // The passport number is not copied into the audit trail: the trail outlives retention.
    await recordAudit(trx, ctx, {
      entityType: 'application',
      entityId: applicationId,
      action: 'visa_details',
      after: { nationality: input.nationality, passportExpiresOn: input.passportExpiresOn },
    })
  })
}

/** The office confirms the last day of an incoming student's stay, with its evaluation: the certificate follows. */
export async function recordDeparture(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  input: { leftOn: string; evaluation: string },
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await incomingAccess(trx, ctx, applicationId)
    if (!mayTakeIncomingStep('depart', access)) throw new AppError(AppErrorCode.FORBIDDEN, INCOMING_STEPS.depart.refusal)
    await lockApplication(trx, applicationId)
    const m = await lockMobility(trx, applicationId)
    if (!m) throw new AppError(AppErrorCode.CONFLICT, 'The student has not arrived yet.')
    await endStay(
      trx,
      ctx,
      m,
      'depart',
      { leftOn: input.leftOn, today },
      { evaluation: input.evaluation },
      { after: { evaluation: input.evaluation } },
    )
    await tellStudent(trx, deps, applicationId, 'certificateReady', {})
  })
}

/** Whether this person may download this letter now (the student and the office, once it exists). */
export async function letterAllowed(db: Kysely<DB>, ctx: Ctx, applicationId: string, kind: LetterKind) {
  const view = await loadIncoming(db, ctx, applicationId)
  if (!view.letters[kind]) {
    const why = {
      acceptance: 'the student is admitted',
      visa: 'the student is admitted and has given their passport details',
      certificate: 'the office has confirmed the end of the stay',
    }[kind]
    throw new AppError(AppErrorCode.CONFLICT, `This letter is issued once ${why}.`)
  }
}
