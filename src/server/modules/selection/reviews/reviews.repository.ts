import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'

// Every query of the review; the rules are in reviews.service.ts.

/** Who may be named a reviewer: the selection committee and the office. */
export const MAY_REVIEW = ['reviewer', 'officer', 'admin', 'coordinator'] as const

export function reviewersOf(db: Kysely<DB>, callId: string) {
  return db
    .selectFrom('call_reviewers as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role'])
    .where('r.call_id', '=', callId)
    .orderBy('u.name')
    .execute()
}

/** Everyone who could be named a reviewer of a call. */
export function reviewerCandidates(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('active', '=', true)
    .where('role', 'in', MAY_REVIEW)
    .orderBy('name')
    .limit(500)
    .execute()
}

export async function accountsOf(trx: Kysely<DB>, userIds: string[]) {
  return userIds.length
    ? trx.selectFrom('users').select(['id', 'role', 'active', 'email']).where('id', 'in', userIds).execute()
    : []
}

export async function replaceReviewers(trx: Kysely<DB>, callId: string, userIds: string[]) {
  await trx.deleteFrom('call_reviewers').where('call_id', '=', callId).execute()
  if (userIds.length)
    await trx
      .insertInto('call_reviewers')
      .values(userIds.map((user_id) => ({ call_id: callId, user_id })))
      .execute()
}

export function callHeading(trx: Kysely<DB>, callId: string) {
  return trx.selectFrom('calls').select(['title', 'academic_year']).where('id', '=', callId).executeTakeFirstOrThrow()
}

/** The submitted applications of the calls a person reviews, with their own review of each and whether the allocation is out. */
export function queueRows(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('call_reviewers as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .innerJoin('applications as a', 'a.call_id', 'c.id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('reviews as v', (j) => j.onRef('v.application_id', '=', 'a.id').on('v.reviewer_id', '=', actor.id))
    .leftJoin('call_allocations as al', 'al.call_id', 'c.id')
    .select([
      'c.id as call_id',
      'c.title as call_title',
      'c.criteria',
      'a.id',
      'a.status',
      'u.name',
      'v.conflict',
      'v.scores',
      'al.published_at',
    ])
    .where('r.user_id', '=', actor.id)
    .where('a.status', 'not in', ['draft', 'withdrawn'])
    .orderBy('c.closes_at', 'desc')
    .orderBy('u.name')
    .execute()
}

/** The application as its named reviewer sees it, with their review and whether the allocation is out; none if not theirs. */
export function reviewerRow(trx: Kysely<DB>, actor: Actor, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('call_reviewers as r', (j) => j.onRef('r.call_id', '=', 'c.id').on('r.user_id', '=', actor.id))
    .leftJoin('reviews as v', (j) => j.onRef('v.application_id', '=', 'a.id').on('v.reviewer_id', '=', actor.id))
    .leftJoin('call_allocations as al', 'al.call_id', 'c.id')
    .select(['a.id', 'a.status', 'c.id as call_id', 'c.criteria', 'v.conflict', 'v.scores', 'al.published_at'])
    .where('a.id', '=', applicationId)
    .where('a.status', 'not in', ['draft', 'withdrawn'])
    .executeTakeFirst()
}

export function ownReview(db: Kysely<DB>, actor: Actor, applicationId: string) {
  return db
    .selectFrom('reviews')
    .select(['scores', 'comment', 'updated_at'])
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', actor.id)
    .where('conflict', '=', false)
    .executeTakeFirst()
}

/** The reviewer's one row for the application, created or replaced. */
export async function upsertReview(
  trx: Kysely<DB>,
  key: { applicationId: string; reviewerId: string },
  fields: { scores: string; comment: string | null; conflict?: boolean; conflict_note?: string | null },
) {
  const values = { ...fields, updated_at: new Date() }
  await trx
    .insertInto('reviews')
    .values({ application_id: key.applicationId, reviewer_id: key.reviewerId, ...values })
    .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet(values))
    .execute()
}

/** The call's criteria and every review of its applications without a conflict. */
export async function callReviews(db: Kysely<DB>, callId: string) {
  const [call, rows] = await Promise.all([
    db.selectFrom('calls').select('criteria').where('id', '=', callId).executeTakeFirstOrThrow(),
    db
      .selectFrom('reviews as v')
      .innerJoin('applications as a', 'a.id', 'v.application_id')
      .select(['v.application_id', 'v.scores'])
      .where('a.call_id', '=', callId)
      .where('v.conflict', '=', false)
      .execute(),
  ])
  return { criteria: call.criteria, rows }
}
