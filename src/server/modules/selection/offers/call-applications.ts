import { type Kysely, sql } from 'kysely'
import type { ApplicationStatus } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { iso } from '../../../http/types.js'
import { managedCall } from '../../applications/applications/applications.access.js'
import { scoresOf } from '../reviews/reviews.service.js'

/** A call's applications for the office, drafts included, best combined score first. */
export async function listCallApplications(
  db: Kysely<DB>,
  actor: Actor,
  callId: string,
  query: { status?: ApplicationStatus[]; q?: string; page: number; pageSize: number },
) {
  await managedCall(db, actor, callId)
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
  if (query.status?.length) rows = rows.where('a.status', 'in', query.status)
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    rows = rows.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.email', 'ilike', like)]))
  }
  const [all, scores] = await Promise.all([rows.execute(), scoresOf(db, callId)])
  const items = all
    .map((r) => {
      const p = r.profile as { yearOfStudy?: number; programme?: string; gradeAverage?: number }
      const s = scores.get(r.id)
      return {
        id: r.id,
        status: r.status,
        applicant: { id: r.applicant_id, name: r.name, email: r.email },
        yearOfStudy: p.yearOfStudy ?? null,
        programme: p.programme ?? null,
        gradeAverage: p.gradeAverage ?? null,
        choices: r.choices,
        reviews: s?.reviews ?? 0,
        score: s?.score ?? null,
        offeredOpportunityId: r.offered_opportunity_id,
        submittedAt: iso(r.submitted_at),
      }
    })
    .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.applicant.name.localeCompare(y.applicant.name))
  const start = (query.page - 1) * query.pageSize
  return { items: items.slice(start, start + query.pageSize), total: items.length }
}
