import type { Kysely, Selectable, Updateable } from 'kysely'
import type { MobilityStatus } from '../../../../shared/mobilities.js'
import type { DB } from '../../../db/schema.js'
import type { MobilityTable } from '../../../db/schema-applications.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A mobility's statuses and steps. "preparing" has no row: the arrival creates it
// (`mobilityLifecycle.create`). Every later status write goes through `take`, and the actions a
// page receives ask the same table.

const steps: Record<'arrive' | 'end' | 'correct' | 'recognise', StepRule<MobilityStatus>> = {
  /** The arrival at the host (the row is created then, with `create`). */
  arrive: { from: ['preparing'], to: 'abroad', past: 'begun', creates: true },
  /**
   * The end of the stay, one step in three variants: the host's transcript of records (a student
   * of ours), the host's certificate (a member of our staff) or the office's confirmation (a visitor).
   */
  end: { from: ['abroad'], to: 'returned', past: 'ended', variants: ['transcript', 'visit_end', 'depart'] },
  /** The transcript corrected before the credits are recognised. */
  correct: { from: ['returned'], to: 'returned', past: 'corrected', variants: ['transcript'] },
  /** The office recognises the credits at home: the mobility is complete. */
  recognise: { from: ['returned'], to: 'recognised', past: 'recognised' },
}

export const mobilityLifecycle = defineLifecycle({
  entity: 'mobility',
  noun: 'A mobility',
  table: 'mobilities',
  steps,
  stamp: () => ({ updated_at: new Date() }),
})

export type StayEnding = 'transcript' | 'visit_end' | 'depart'

/**
 * The end of a stay, whichever way it is recorded: the last day checked against the arrival and
 * today, then the step taken with when and by whom it was recorded (a transcript already in is
 * corrected instead), audited under the variant's name. The variant's own problems with the input
 * are refused with the day's, all at once.
 */
export async function endStay(
  trx: Kysely<DB>,
  ctx: Ctx,
  m: Selectable<MobilityTable>,
  variant: StayEnding,
  input: { leftOn: string; today: string },
  fields: Omit<Updateable<MobilityTable>, 'status'> = {},
  audit: { after?: Record<string, unknown>; before?: Record<string, unknown> } = {},
  problems: [string, string][] = [],
) {
  const step = variant === 'transcript' && m.status === 'returned' ? 'correct' : 'end'
  if (!mobilityLifecycle.can(step, m.status)) {
    throw new AppError(
      AppErrorCode.CONFLICT,
      m.status === 'recognised' ? 'The credits are already recognised.' : `The stay already ended on ${m.left_on}.`,
    )
  }
  const { leftOn, today } = input
  const dayProblems: [string, string][] = []
  if (leftOn < m.arrived_on) dayProblems.push(['leftOn', `must not be before the arrival (${m.arrived_on})`])
  if (leftOn > today) dayProblems.push(['leftOn', 'must not be in the future'])
  if (dayProblems.length + problems.length) throw AppError.fields([...dayProblems, ...problems])
  await mobilityLifecycle.take(
    trx,
    ctx,
    m,
    step,
    { ...fields, left_on: leftOn, transcript_at: new Date(), transcript_by: ctx.actor!.id },
    { leftOn, ...audit.after },
    { as: variant, before: audit.before },
  )
  return step
}
