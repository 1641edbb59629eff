import { sql } from 'kysely'
import type { Deps } from '../../../deps.js'
import type { Actor } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { visibleInstitutions } from './institutions.repository.js'

export interface RealisedFlow {
  academicYear: string
  direction: 'outgoing' | 'incoming'
  staff: boolean
  /** Accepted by the host (or admitted by us) and not begun. */
  preparing: number
  abroad: number
  /** Over: the transcript or the certificate is in. */
  completed: number
}

/**
 * The mobilities with this institution that the lifecycle has made real (issue 6, point 13), per
 * academic year and direction, students and staff apart: ours hosted there, and theirs hosted by
 * us (a visitor whose account names the institution). Counted from the host's acceptance on.
 */
export async function realisedFlows(deps: Pick<Deps, 'db'>, actor: Actor, institutionId: string): Promise<RealisedFlow[]> {
  const db = deps.db
  const visible = await visibleInstitutions(db, actor).select('i.id').where('i.id', '=', institutionId).executeTakeFirst()
  if (!visible) throw AppError.notFound('The institution')
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .select([
      'c.academic_year',
      'o.direction',
      sql<boolean>`c.audience = 'staff'`.as('staff'),
      sql<number>`count(*) filter (where m.status is null)::int`.as('preparing'),
      sql<number>`count(*) filter (where m.status = 'abroad')::int`.as('abroad'),
      sql<number>`count(*) filter (where m.status in ('returned', 'recognised'))::int`.as('completed'),
    ])
    .where('a.status', '=', 'host_accepted')
    .where((eb) =>
      eb.or([
        eb.and([eb('o.direction', '=', 'outgoing'), eb('o.host_institution_id', '=', institutionId)]),
        eb.and([eb('o.direction', '=', 'incoming'), eb('u.institution_id', '=', institutionId)]),
      ]),
    )
    .groupBy(['c.academic_year', 'o.direction', sql`c.audience = 'staff'`])
    .orderBy('c.academic_year')
    .execute()
  return rows.map((r) => ({
    academicYear: r.academic_year,
    direction: r.direction,
    staff: r.staff,
    preparing: r.preparing,
    abroad: r.abroad,
    completed: r.completed,
  }))
}
