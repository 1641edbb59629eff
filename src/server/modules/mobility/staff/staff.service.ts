import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { tellOfficer, tellStudent } from '../mobilities/mobility.mail.js'
import { mayTakeProgrammeStep, PROGRAMME_STEPS } from './staff.policy.js'
import { hasBegun, lockProgramme, programmeOf, programmeStateOf, staffCallOf } from './staff.repository.js'
import { programmeLifecycle } from './staff.status.js'

// The programme of a staff visit (issue 6, point 10; decision 030): the host department, the
// dates, the activities and, for teaching, the hours. The visitor (or the office) proposes it once
// the host has accepted them (or we have admitted them); the office approves it; any change after
// that needs a new approval. The visit begins (the arrival) only with an approved programme.

export interface ProgrammeInput {
  hostDepartment: string
  startsOn: string
  endsOn: string
  activities: string
  teachingHours: number | null
}

/** Longest staff visit, in days (Erasmus+ staff mobility: two months). */
export const STAFF_VISIT_MAX_DAYS = 60
const TEACHING = ['staff_teaching', 'guest_lecture']

async function staffApplication(db: Kysely<DB>, ctx: Ctx, applicationId: string) {
  const { row, call, access } = await accessTo(db, ctx.actor!, applicationId)
  if (access === 'reviewer') throw AppError.notFound('The application')
  const info = await staffCallOf(db, call.id, row.offered_opportunity_id)
  if (info.audience !== 'staff') throw new AppError(AppErrorCode.CONFLICT, 'A visit programme is for staff mobility.')
  return { row, access, teaching: TEACHING.includes(info.kind ?? '') }
}

/** The programme of a staff visit, with what the reader may do (the visitor, the office, the host). */
export async function loadProgramme(db: Kysely<DB>, ctx: Ctx, applicationId: string) {
  const { row, access, teaching } = await staffApplication(db, ctx, applicationId)
  const [p, begun] = await Promise.all([programmeOf(db, applicationId), hasBegun(db, applicationId)])
  const open = row.status === 'host_accepted' && !begun
  return {
    teaching,
    programme: p
      ? {
          hostDepartment: p.host_department,
          startsOn: p.starts_on,
          endsOn: p.ends_on,
          activities: p.activities,
          teachingHours: p.teaching_hours,
          status: p.status,
          approvedAt: iso(p.approved_at),
        }
      : null,
    actions: {
      propose: open && mayTakeProgrammeStep('propose', access),
      approve: open && mayTakeProgrammeStep('approve', access) && p !== undefined && programmeLifecycle.can('approve', p.status),
    },
  }
}

/** What keeps a staff visit from beginning: no programme, or one not approved (null when it may begin). */
export async function programmeGap(db: Kysely<DB>, applicationId: string): Promise<string | null> {
  const c = await programmeStateOf(db, applicationId)
  return gapOf(c.audience, c.status)
}

/** The same, from the call's audience and the programme's status where a query already has them. */
export function gapOf(audience: string, programme: string | null): string | null {
  if (audience !== 'staff') return null
  if (!programme) return 'the visit programme is not proposed yet'
  return programme === 'approved' ? null : 'the visit programme is not approved yet'
}

export async function saveProgramme(deps: MailDeps, ctx: Ctx, applicationId: string, input: ProgrammeInput) {
  await deps.db.transaction().execute(async (trx) => {
    const { access, teaching } = await staffApplication(trx, ctx, applicationId)
    if (!mayTakeProgrammeStep('propose', access)) throw new AppError(AppErrorCode.FORBIDDEN, PROGRAMME_STEPS.propose.refusal)
    const row = await lockApplication(trx, applicationId)
    if (row.status !== 'host_accepted')
      throw new AppError(
        AppErrorCode.CONFLICT,
        `The application is ${row.status}: the programme comes once the host has accepted the visit.`,
      )
    if (await hasBegun(trx, applicationId))
      throw new AppError(AppErrorCode.CONFLICT, 'The visit has begun: its programme no longer changes.')
    if (input.endsOn < input.startsOn) throw AppError.validation('body.endsOn', 'must not be before the first day')
    const days = (Date.parse(input.endsOn) - Date.parse(input.startsOn)) / 86_400_000 + 1
    if (days > STAFF_VISIT_MAX_DAYS)
      throw AppError.validation('body.endsOn', `must be at most ${STAFF_VISIT_MAX_DAYS} days after the first`)
    if (teaching && !input.teachingHours) throw AppError.validation('body.teachingHours', 'is required for a teaching visit')
    const before = await programmeOf(trx, applicationId)
    const values = {
      host_department: input.hostDepartment,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      activities: input.activities,
      teaching_hours: input.teachingHours,
      proposed_by: ctx.actor!.id,
      proposed_at: new Date(),
      approved_by: null,
      approved_at: null,
    }
    if (before) {
      await programmeLifecycle.take(
        trx,
        ctx,
        before,
        'propose',
        values,
        { ...input },
        {
          before: { startsOn: before.starts_on, endsOn: before.ends_on },
          entityId: applicationId,
        },
      )
    } else {
      await programmeLifecycle.create(
        trx,
        ctx,
        'propose',
        { application_id: applicationId, ...values },
        { ...input },
        {
          entityId: applicationId,
        },
      )
    }
    if (access === 'owner') await tellOfficer(trx, deps, applicationId, 'programmeToApprove', { visitor: ctx.actor!.name })
  })
}

export async function approveProgramme(deps: MailDeps, ctx: Ctx, applicationId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await staffApplication(trx, ctx, applicationId)
    if (!mayTakeProgrammeStep('approve', access)) throw new AppError(AppErrorCode.FORBIDDEN, PROGRAMME_STEPS.approve.refusal)
    await lockApplication(trx, applicationId)
    const p = await lockProgramme(trx, applicationId)
    if (!p) throw new AppError(AppErrorCode.CONFLICT, 'No programme is proposed yet.')
    if (!programmeLifecycle.can('approve', p.status))
      throw new AppError(AppErrorCode.CONFLICT, 'The programme is already approved.')
    await programmeLifecycle.take(
      trx,
      ctx,
      p,
      'approve',
      { approved_by: ctx.actor!.id, approved_at: new Date() },
      {},
      { entityId: applicationId },
    )
    await tellStudent(trx, deps, applicationId, 'programmeApproved', (r) => ({
      department: p.host_department,
      from: r.day(p.starts_on),
      to: r.day(p.ends_on),
    }))
  })
}
