import { type Kysely, sql } from 'kysely'
import type { ApplicationStatus } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'

// Every query of the office's list of a call's applications; the ordering by score is in call-applications.ts.

/** A call's applications, drafts included, with the applicant and the number of choices; filtered by status and a name or e-mail. */
export function callApplicationRows(db: Kysely<DB>, callId: string, filter: { status?: ApplicationStatus[]; q?: string }) {
  let rows = db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select([
      'a.id',
      'a.status',
      'a.profile',
      'a.applicant_id',
      'u.name',
      'u.email',
      'a.offered_opportunity_id',
      'a.submitted_at',
      sql<number>`(select count(*) from application_choices c where c.application_id = a.id)::int`.as('choices'),
    ])
    .where('a.call_id', '=', callId)
  if (filter.status?.length) rows = rows.where('a.status', 'in', filter.status)
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    rows = rows.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.email', 'ilike', like)]))
  }
  return rows.execute()
}
