import type { Kysely } from 'kysely'
import type { LaComponent } from '../../../../shared/learning-agreements.js'
import type { MailVars } from '../../../../shared/mail-templates.js'
import {
  coverageProblems,
  type MobilityStatus,
  type RecognitionEntry,
  recognitionProblems,
  type TranscriptResult,
} from '../../../../shared/mobilities.js'
import { SURVEY_OPEN_IN } from '../../../../shared/surveys.js'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { type Access, accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import type { Reader } from '../../comms/mail/templates/index.js'
import { checklistGaps } from '../checklists/checklist.service.js'
import { weHost } from '../incoming/incoming.service.js'
import { gapOf, programmeGap } from '../staff/staff.service.js'
import { mobilityPeople, tellAboutMobility } from './mobility.mail.js'
import { MOBILITY_SEES, MOBILITY_STEPS, type MobilityStep, mayTake } from './mobility.policy.js'
import { approvedComponents, hostDocuments, isStaffCall, lockMobility, mobilityOf, mobilityPlace } from './mobility.repository.js'
import { endStay, mobilityLifecycle } from './mobility.status.js'

// An outgoing mobility after the host's acceptance (issue 6, decision 024): the student arrives
// (confirmed by them, the office or the host); the host records the transcript of records for
// the components studied in the approved learning agreement, which ends the stay; the office
// recognises the components of table B, which ends the mobility. Each step is refused with 409
// when it does not fit, and audited.

const { can } = mobilityLifecycle

/** The mobility of an application the person may see with it (the student, the office, the host), with what they may do. */
export async function loadMobility(db: Kysely<DB>, ctx: Ctx, applicationId: string, today: string) {
  const { row, access } = await accessTo(db, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  const [m, components, info, hostDocs, checklist] = await Promise.all([
    mobilityOf(db, applicationId),
    approvedComponents(db, applicationId),
    mobilityPlace(db, applicationId),
    hostDocuments(db, applicationId),
    checklistGaps(db, applicationId, today),
  ])
  const programme = gapOf(info.audience, info.programme_status)
  const status: MobilityStatus = m?.status ?? 'preparing'
  const accepted = row.status === 'host_accepted'
  const incoming = info.direction === 'incoming'
  // An outgoing member of staff has no learning agreement: the visit ends with the host's certificate.
  const staffOut = info.audience === 'staff' && !incoming
  const doc = (kind: string) => {
    const d = hostDocs.find((x) => x.kind === kind)
    return d ? { id: d.id, fileName: d.file_name } : null
  }
  const results = new Map((m?.transcript ?? []).map((r) => [r.key, r]))
  const recognition = new Map((m?.recognition ?? []).map((r) => [r.key, r]))
  const studied = (components ?? []).filter((c) => c.group === 'studied')
  const recognised = (components ?? []).filter((c) => c.group === 'recognised')
  const strip = ({ key, title, code, credits, term }: LaComponent) => ({ key, title, code, credits, term })
  return {
    applicationId,
    status,
    student: info.name,
    host: info.host,
    country: info.country,
    opportunityId: info.opportunity_id,
    opportunityTitle: info.title ?? {},
    plannedStart: info.planned_start,
    plannedEnd: info.planned_end,
    arrivedOn: m?.arrived_on ?? null,
    leftOn: m?.left_on ?? null,
    hasApprovedAgreement: components !== null,
    studied: studied.map((c) => ({ ...strip(c), result: results.get(c.key) ?? null })),
    recognised: recognised.map((c) => ({ ...strip(c), recognition: recognition.get(c.key) ?? null })),
    transcriptAt: iso(m?.transcript_at ?? null),
    transcriptDocument: doc('transcript_of_records'),
    hostCertificate: doc('host_certificate'),
    recognisedAt: iso(m?.recognised_at ?? null),
    seesChecklist: MOBILITY_SEES.checklist(access),
    seesIncidents: MOBILITY_SEES.incidents(access),
    incoming,
    staff: info.audience === 'staff',
    staffOut,
    programmeGap: programme,
    seesSurvey: MOBILITY_SEES.survey(access) && accepted && SURVEY_OPEN_IN.includes(status),
    checklistComplete: checklist.length === 0,
    actions: {
      arrive: accepted && mayTake('arrive', access) && can('arrive', status) && checklist.length === 0 && !programme,
      transcript:
        accepted &&
        mayTake('transcript', access) &&
        !staffOut &&
        (can('end', status) || can('correct', status)) &&
        components !== null,
      recognise: accepted && mayTake('recognise', access) && can('recognise', status) && !incoming && !staffOut,
      endVisit: accepted && mayTake('visitEnd', access) && staffOut && can('end', status),
    },
  }
}

/** The application, locked, for a step of its mobility by someone the policy lets take it. */
async function forStep(trx: Kysely<DB>, ctx: Ctx, applicationId: string, step: MobilityStep) {
  const { row, access } = await accessTo(trx, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  if (!mayTake(step, access)) throw new AppError(AppErrorCode.FORBIDDEN, `${MOBILITY_STEPS[step].what} is not yours to record.`)
  const locked = await lockApplication(trx, row.id)
  if (locked.status !== 'host_accepted') {
    throw new AppError(
      AppErrorCode.CONFLICT,
      `The application is ${locked.status}: a mobility starts once the host has accepted the student.`,
    )
  }
  const m = await lockMobility(trx, row.id)
  return { row: locked, access, m }
}

/** The student has arrived at the host: the mobility is under way. */
export async function confirmArrival(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  arrivedOn: string,
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { m, access } = await forStep(trx, ctx, applicationId, 'arrive')
    if (m) throw new AppError(AppErrorCode.CONFLICT, `The arrival was already confirmed (${m.arrived_on}).`)
    if (arrivedOn > today) throw AppError.validation('body.arrivedOn', 'must not be in the future')
    const missing = await checklistGaps(trx, applicationId, today)
    if (missing.length)
      throw new AppError(AppErrorCode.CONFLICT, `The checklist before departure is not complete: ${missing.join(', ')}.`)
    const programme = await programmeGap(trx, applicationId)
    if (programme) throw new AppError(AppErrorCode.CONFLICT, `The visit cannot begin: ${programme}.`)
    await mobilityLifecycle.create(
      trx,
      ctx,
      'arrive',
      { application_id: applicationId, arrived_on: arrivedOn, arrival_confirmed_by: ctx.actor!.id },
      { arrivedOn },
    )
    await tellOtherSide(trx, deps, applicationId, access, 'arrivalConfirmed', (p, r) => ({
      student: p.name,
      date: r.day(arrivedOn),
      confirmedBy: ctx.actor!.name,
    }))
  })
}

/**
 * The host's transcript of records: a result for every component studied in the approved
 * learning agreement and the last day of the stay. It may be corrected until the credits are recognised.
 */
export async function recordTranscript(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  input: { leftOn: string; results: TranscriptResult[] },
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { m, row } = await forStep(trx, ctx, applicationId, 'transcript')
    if (!m) throw new AppError(AppErrorCode.CONFLICT, 'The student has not arrived at the host yet.')
    if (await isStaffCall(trx, row.call_id))
      throw new AppError(AppErrorCode.CONFLICT, "A staff visit ends with the host's certificate, not a transcript of records.")
    const components = await approvedComponents(trx, applicationId)
    if (!components) throw new AppError(AppErrorCode.CONFLICT, 'The learning agreement has no approved version yet.')
    const studied = components.filter((c) => c.group === 'studied')
    const problems = coverageProblems('results', studied, input.results)
    input.results.forEach((r, i) => {
      if (!r.passed && r.credits !== 0) problems.push([`results.${i}.credits`, 'must be 0 for a component not passed'])
    })
    const step = await endStay(
      trx,
      ctx,
      m,
      'transcript',
      { leftOn: input.leftOn, today },
      { transcript: JSON.stringify(input.results) },
      { after: { results: input.results }, before: { leftOn: m.left_on, results: m.transcript } },
      problems,
    )
    if (step === 'end') await tell(trx, deps, applicationId, 'transcript')
  })
}

/**
 * The end of an outgoing staff visit: the last day, with the host's certificate of the visit
 * uploaded first. Recorded by the visitor, the office or the host; the other side is told.
 */
export async function endStaffVisit(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  leftOn: string,
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { m, row, access } = await forStep(trx, ctx, applicationId, 'visitEnd')
    if (!(await isStaffCall(trx, row.call_id)) || (await weHost(trx, row.offered_opportunity_id)))
      throw new AppError(AppErrorCode.CONFLICT, "Only an outgoing staff visit ends with the host's certificate.")
    if (!m) throw new AppError(AppErrorCode.CONFLICT, 'The visit has not begun yet.')
    const certificate = (await hostDocuments(trx, applicationId)).find((d) => d.kind === 'host_certificate')
    // A visit already ended is refused as such by endStay; one under way needs the certificate first.
    if (!certificate && can('end', m.status))
      throw new AppError(AppErrorCode.CONFLICT, "Upload the host's certificate of the visit first.")
    // transcript_at and _by record when and by whom the end was recorded, as for an incoming stay.
    await endStay(trx, ctx, m, 'visit_end', { leftOn, today }, {}, { after: { certificate: certificate?.id } })
    await tellOtherSide(trx, deps, applicationId, access, 'visitEnded', (p, r) => ({
      visitor: p.name,
      date: r.day(leftOn),
      recordedBy: ctx.actor!.name,
    }))
  })
}

/** The office recognises the components of table B: the mobility is complete. */
export async function recognise(deps: MailDeps, ctx: Ctx, applicationId: string, entries: RecognitionEntry[]) {
  await deps.db.transaction().execute(async (trx) => {
    const { m, row } = await forStep(trx, ctx, applicationId, 'recognise')
    if (await weHost(trx, row.offered_opportunity_id))
      throw new AppError(AppErrorCode.CONFLICT, 'We hosted this mobility: the credits are recognised by the home institution.')
    if (await isStaffCall(trx, row.call_id))
      throw new AppError(AppErrorCode.CONFLICT, 'A staff visit has no credits to recognise.')
    if (!m || !mobilityLifecycle.can('recognise', m.status)) {
      throw new AppError(
        AppErrorCode.CONFLICT,
        m?.status === 'recognised'
          ? 'The credits are already recognised.'
          : 'Credits are recognised once the transcript of records is in.',
      )
    }
    const components = (await approvedComponents(trx, applicationId)) ?? []
    throwProblems(
      recognitionProblems(
        components.filter((c) => c.group === 'recognised'),
        entries,
      ),
    )
    await mobilityLifecycle.take(
      trx,
      ctx,
      m,
      'recognise',
      { recognition: JSON.stringify(entries), recognised_by: ctx.actor!.id, recognised_at: new Date() },
      { recognition: entries },
    )
    await tell(trx, deps, applicationId, 'recognised')
  })
}

function throwProblems(problems: [string, string][]) {
  if (problems.length) throw AppError.fields(problems)
}

/** A step someone recorded, told to the other side: the student when the office or the host did it, the nominating officer when the student did. */
async function tellOtherSide<K extends 'arrivalConfirmed' | 'visitEnded'>(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  access: Access,
  template: K,
  vars: (p: Awaited<ReturnType<typeof mobilityPeople>>, r: Reader) => Omit<MailVars<K>, 'name'>,
) {
  const p = await mobilityPeople(trx, applicationId)
  const to = access === 'owner' ? p.officer_email : p.email
  if (to) await tellAboutMobility(trx, deps, applicationId, to, template, (r) => vars(p, r))
}

/** The student hears when the transcript is in and when the credits are recognised (and is asked for the survey); the nominating officer when the transcript is in. */
async function tell(trx: Kysely<DB>, deps: MailDeps, applicationId: string, what: 'transcript' | 'recognised') {
  const p = await mobilityPeople(trx, applicationId)
  if (what === 'recognised') {
    await tellAboutMobility(trx, deps, applicationId, p.email, 'creditsRecognised', {})
    return
  }
  await tellAboutMobility(trx, deps, applicationId, p.email, 'transcriptReceived', {})
  if (p.officer_email)
    await tellAboutMobility(trx, deps, applicationId, p.officer_email, 'officerTranscriptReceived', { student: p.name })
}
