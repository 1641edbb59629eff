import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'
import { applicationsWithPlace } from '../../applications/applications/applications.repository.js'

// Every query of running a call's allocation; the rules are in allocation.service.ts and the
// engine (pure) in ../engine.

export function adjustmentsOf(db: Kysely<DB>, callId: string) {
  return db.selectFrom('allocation_adjustments').selectAll().where('call_id', '=', callId).execute()
}

/** The applicants' names and states, and the places offered with their hosts, as the allocation page shows them. */
export async function allocationNames(db: Kysely<DB>, callId: string) {
  const [people, offers] = await Promise.all([
    db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select(['a.id', 'u.name', 'a.status', 'a.offered_opportunity_id', 'a.offer_deadline'])
      .where('a.call_id', '=', callId)
      .execute(),
    db
      .selectFrom('call_offers as c')
      .innerJoin('opportunities as o', 'o.id', 'c.opportunity_id')
      .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
      .select(['o.id', 'o.title', 'i.name as host_name', 'i.country as host_country'])
      .where('c.call_id', '=', callId)
      .orderBy('c.position')
      .execute(),
  ])
  return { people, offers }
}

export function publishedAllocation(db: Kysely<DB>, callId: string) {
  return db.selectFrom('call_allocations').selectAll().where('call_id', '=', callId).executeTakeFirst()
}

/** Takes the call's lock: allocation steps on one call run one at a time. */
export async function lockCall(trx: Kysely<DB>, callId: string) {
  await trx.selectFrom('calls').select('id').where('id', '=', callId).forUpdate().execute()
}

export function applicationStates(db: Kysely<DB>, callId: string) {
  return db.selectFrom('applications').select(['id', 'status', 'offered_opportunity_id']).where('call_id', '=', callId).execute()
}

export function applicationInCall(trx: Kysely<DB>, callId: string, applicationId: string) {
  return trx
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('id', '=', applicationId)
    .where('call_id', '=', callId)
    .executeTakeFirst()
}

export function adjustmentOf(trx: Kysely<DB>, callId: string, applicationId: string) {
  return trx
    .selectFrom('allocation_adjustments')
    .select(['opportunity_id', 'reason'])
    .where('call_id', '=', callId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
}

export async function removeAdjustment(trx: Kysely<DB>, callId: string, applicationId: string) {
  await trx
    .deleteFrom('allocation_adjustments')
    .where('call_id', '=', callId)
    .where('application_id', '=', applicationId)
    .execute()
}

export async function insertAdjustment(
  trx: Kysely<DB>,
  values: { call_id: string; application_id: string; opportunity_id: string | null; reason: string; created_by: string },
) {
  await trx.insertInto('allocation_adjustments').values(values).execute()
}

/** Whether the applicant chose this opportunity. */
export async function chose(trx: Kysely<DB>, applicationId: string, opportunityId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('application_choices')
    .select('rank')
    .where('application_id', '=', applicationId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertAllocation(
  trx: Kysely<DB>,
  values: { call_id: string; instance: string; assignment: string; offer_deadline: Date; published_by: string },
) {
  await trx.insertInto('call_allocations').values(values).execute()
}

/** An accepted offer takes one of the call's places of that opportunity. */
export async function takePlace(trx: Kysely<DB>, callId: string, opportunityId: string) {
  await trx
    .updateTable('call_offers')
    .set({ places_taken: sql`places_taken + 1` })
    .where('call_id', '=', callId)
    .where('opportunity_id', '=', opportunityId)
    .execute()
}

export function opportunityTitle(trx: Kysely<DB>, opportunityId: string) {
  return trx.selectFrom('opportunities').select('title').where('id', '=', opportunityId).executeTakeFirstOrThrow()
}

/** The offers past their deadline, across calls. */
export function dueOffers(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('applications')
    .select(['id', 'call_id'])
    .where('status', '=', 'offered')
    .where('offer_deadline', '<=', now)
    .execute()
}

/** The same within one call, locked. */
export function lockDueOffers(trx: Kysely<DB>, callId: string, now: Date) {
  return trx
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('call_id', '=', callId)
    .where('status', '=', 'offered')
    .where('offer_deadline', '<=', now)
    .forUpdate()
    .execute()
}

/** What each applicant's result mail names. */
export function resultRecipients(trx: Kysely<DB>, ids: string[]) {
  return applicationsWithPlace(trx)
    .select(['a.id', 'a.status', 'a.offer_deadline', 'u.email', 'c.title as call_title', 'c.time_zone', 'o.title'])
    .where('a.id', 'in', ids)
    .execute()
}

/** What the engine's instance is built from: the call's eligibility, its submitted applications with their ranked choices, and its published offers. */
export async function instanceRows(db: Kysely<DB>, callId: string) {
  const [call, apps, choices, offers] = await Promise.all([
    db.selectFrom('calls').select(['eligibility']).where('id', '=', callId).executeTakeFirstOrThrow(),
    db
      .selectFrom('applications')
      .select(['id', 'profile', 'lottery'])
      .where('call_id', '=', callId)
      .where('status', '=', 'submitted')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('application_choices as ch')
      .innerJoin('applications as a', 'a.id', 'ch.application_id')
      .innerJoin('opportunities as o', 'o.id', 'ch.opportunity_id')
      .select(['ch.application_id', 'ch.opportunity_id', 'o.years_of_study', 'o.min_grade', 'o.languages'])
      .where('a.call_id', '=', callId)
      .where('a.status', '=', 'submitted')
      .orderBy('ch.application_id')
      .orderBy('ch.rank')
      .execute(),
    db
      .selectFrom('call_offers as c')
      .innerJoin('opportunities as o', 'o.id', 'c.opportunity_id')
      .select(['c.opportunity_id', 'c.places'])
      .where('c.call_id', '=', callId)
      .where('o.status', '=', 'published')
      .orderBy('c.position')
      .execute(),
  ])
  return { call, apps, choices, offers }
}
