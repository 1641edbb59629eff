import { type Kysely, sql } from 'kysely'
import type { SurveyStatus } from '../../../../shared/surveys.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { unitScope } from '../../../kernel/scope.js'

// Every query of the completion survey; the rules are in survey.service.ts.

export function surveyOf(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('mobility_surveys').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

export function lockSurvey(trx: Kysely<DB>, applicationId: string) {
  return trx.selectFrom('mobility_surveys').selectAll().where('application_id', '=', applicationId).forUpdate().executeTakeFirst()
}

export interface SurveyQueueQuery {
  status?: SurveyStatus[]
  page: number
  pageSize: number
}

/** A page of the surveys of the calls this person runs, newest first, with the student, the place and the host. */
export async function surveyPage(db: Kysely<DB>, actor: Actor, q: SurveyQueueQuery) {
  let base = db
    .selectFrom('mobility_surveys as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
  base = base.where(unitScope(actor, 'c.org_unit_id'))
  if (q.status?.length) base = base.where('s.status', 'in', q.status)
  const [rows, total] = await Promise.all([
    base
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .innerJoin('opportunities as o', 'o.id', 's.opportunity_id')
      .innerJoin('institutions as h', 'h.id', 'o.host_institution_id')
      .selectAll('s')
      .select(['u.name as student', 'o.title', 'h.name as host'])
      .orderBy('s.submitted_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: total.n }
}

export async function opportunityStatusOf(db: Kysely<DB>, opportunityId: string) {
  return (await db.selectFrom('opportunities').select('status').where('id', '=', opportunityId).executeTakeFirst())?.status
}

/** The published reviews of an opportunity: their averages, and a page of them newest first. */
export async function publishedReviews(db: Kysely<DB>, opportunityId: string, page: number, pageSize: number) {
  const published = db
    .selectFrom('mobility_surveys as s')
    .where('s.opportunity_id', '=', opportunityId)
    .where('s.status', '=', 'published')
  const [summary, rows] = await Promise.all([
    published
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<string | null>`avg(s.rating)`.as('rating'),
        sql<string | null>`avg(s.supervision)`.as('supervision'),
        sql<string | null>`avg(s.welcome)`.as('welcome'),
        sql<string | null>`avg(s.housing)`.as('housing'),
        sql<number>`count(*) filter (where s.recommend)::int`.as('recommend'),
      ])
      .executeTakeFirstOrThrow(),
    published
      .innerJoin('applications as a', 'a.id', 's.application_id')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .leftJoin('mobilities as m', 'm.application_id', 's.application_id')
      .selectAll('s')
      .select(['u.name', 'm.arrived_on'])
      .orderBy('s.moderated_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ])
  return { summary, rows }
}
