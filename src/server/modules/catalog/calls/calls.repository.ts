import type { Insertable, Kysely } from 'kysely'
import type { CallPhase } from '../../../../shared/calls.js'
import type { CallTable, DB } from '../../../db/schema.js'
import type { CallListQueryInput } from './calls.schema.js'

// Every query of calls for applications; the rules are in calls.service.ts and the announcements
// in calls.announce.ts.

/** Calls by id with their offers (each with its opportunity and host), in two queries whatever their number. */
export async function callRows(db: Kysely<DB>, ids: string[]) {
  const [rows, offers] = await Promise.all([
    db.selectFrom('calls').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('call_offers as c')
      .innerJoin('opportunities as o', 'o.id', 'c.opportunity_id')
      .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
      .select([
        'c.call_id',
        'c.opportunity_id',
        'c.places',
        'c.suggested_places',
        'c.places_taken',
        'o.kind',
        'o.title',
        'o.status',
        'o.host_institution_id',
        'i.name as host_name',
        'i.country as host_country',
        'i.city as host_city',
      ])
      .where('c.call_id', 'in', ids)
      .orderBy('c.position')
      .execute(),
  ])
  return { rows, offers }
}

export async function unitExists(trx: Kysely<DB>, unitId: string): Promise<boolean> {
  return (await trx.selectFrom('org_units').select('id').where('id', '=', unitId).executeTakeFirst()) !== undefined
}

export async function opportunitiesByIds(trx: Kysely<DB>, ids: string[]) {
  return ids.length
    ? trx.selectFrom('opportunities').select(['id', 'kind', 'direction', 'status']).where('id', 'in', ids).execute()
    : []
}

/** Replaces a call's offers, keeping each opportunity's places already taken. */
export async function replaceOffers(
  trx: Kysely<DB>,
  callId: string,
  offers: { opportunity_id: string; position: number; places: number; suggested_places: number | null }[],
  taken: Map<string, number>,
) {
  await trx.deleteFrom('call_offers').where('call_id', '=', callId).execute()
  if (offers.length)
    await trx
      .insertInto('call_offers')
      .values(offers.map((o) => ({ ...o, call_id: callId, places_taken: taken.get(o.opportunity_id) ?? 0 })))
      .execute()
}

export async function insertCall(trx: Kysely<DB>, values: Insertable<CallTable>): Promise<string> {
  return (await trx.insertInto('calls').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateCallRow(trx: Kysely<DB>, id: string, values: Partial<Insertable<CallTable>>) {
  await trx.updateTable('calls').set(values).where('id', '=', id).execute()
}

export function lockCallRow(trx: Kysely<DB>, id: string) {
  return trx
    .selectFrom('calls')
    .select(['id', 'status', 'org_unit_id', 'opens_at', 'closes_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** The places already taken in a call, per opportunity. */
export async function takenPlaces(trx: Kysely<DB>, callId: string) {
  const rows = await trx
    .selectFrom('call_offers')
    .select(['opportunity_id', 'places_taken'])
    .where('call_id', '=', callId)
    .execute()
  return new Map(rows.map((r) => [r.opportunity_id, r.places_taken]))
}

/** A page of call ids, newest opening first, with the total; `phase` compares with `now`. */
export async function callIdPage(
  db: Kysely<DB>,
  query: Partial<CallListQueryInput> & { page: number; pageSize: number },
  now: Date,
) {
  let q = db.selectFrom('calls')
  if (query.status?.length) q = q.where('status', 'in', query.status)
  if (query.audience?.length) q = q.where('audience', 'in', query.audience)
  if (query.phase?.length) {
    const phases = query.phase as CallPhase[]
    q = q.where((eb) =>
      eb.or(
        phases.map((p) =>
          p === 'upcoming'
            ? eb('opens_at', '>', now)
            : p === 'open'
              ? eb.and([eb('opens_at', '<=', now), eb('closes_at', '>', now)])
              : eb('closes_at', '<=', now),
        ),
      ),
    )
  }
  const [ids, count] = await Promise.all([
    q
      .select('id')
      .orderBy('opens_at', 'desc')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { ids: ids.map((r) => r.id), total: Number(count.n) }
}

/** The published calls, not yet closed, that offer an opportunity, by opening. */
export async function callIdsOffering(db: Kysely<DB>, opportunityId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('calls as c')
    .innerJoin('call_offers as o', 'o.call_id', 'c.id')
    .select('c.id')
    .where('o.opportunity_id', '=', opportunityId)
    .where('c.status', '=', 'published')
    .where('c.closes_at', '>', now)
    .orderBy('c.opens_at')
    .execute()
  return rows.map((r) => r.id)
}

/** Published calls that have opened and not been announced, locked (others running skip them). */
export function dueAnnouncements(trx: Kysely<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('calls')
    .select(['id', 'title', 'closes_at', 'time_zone', 'academic_year'])
    .where('status', '=', 'published')
    .where('opening_announced_at', 'is', null)
    .where('opens_at', '<=', now)
    .orderBy('opens_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

export async function markAnnounced(trx: Kysely<DB>, callId: string, at: Date) {
  await trx.updateTable('calls').set({ opening_announced_at: at }).where('id', '=', callId).execute()
}

/** Takes the "tell me when it opens" requests for the call's published opportunities off their lists, returning them. */
export function takeAlerts(trx: Kysely<DB>, callId: string) {
  return trx
    .deleteFrom('opportunity_alerts as a')
    .using(['call_offers as c', 'opportunities as o', 'users as u'])
    .whereRef('c.opportunity_id', '=', 'a.opportunity_id')
    .whereRef('o.id', '=', 'a.opportunity_id')
    .whereRef('u.id', '=', 'a.user_id')
    .where('c.call_id', '=', callId)
    .where('o.status', '=', 'published')
    .where('u.active', '=', true)
    .returning(['u.email', 'o.id as opportunity_id', 'o.title'])
    .execute()
}

/** What places are suggested from: the opportunities with their agreements, their periods' capacity, and the home institution. */
export async function placeSources(db: Kysely<DB>, opportunityIds: string[]) {
  const [opportunities, periods, home] = await Promise.all([
    db
      .selectFrom('opportunities')
      .select(['id', 'kind', 'direction', 'host_institution_id', 'agreement_id'])
      .where('id', 'in', opportunityIds)
      .execute(),
    db
      .selectFrom('opportunity_blocks')
      .select(['opportunity_id', (eb) => eb.fn.sum<string>('capacity').as('capacity')])
      .where('opportunity_id', 'in', opportunityIds)
      .groupBy('opportunity_id')
      .execute(),
    db.selectFrom('institutions').select('id').where('is_home', '=', true).executeTakeFirst(),
  ])
  const agreementIds = [...new Set(opportunities.flatMap((o) => (o.agreement_id ? [o.agreement_id] : [])))]
  const [agreements, conditions] = agreementIds.length
    ? await Promise.all([
        db.selectFrom('agreements').select(['id', 'reference', 'status']).where('id', 'in', agreementIds).execute(),
        db
          .selectFrom('agreement_conditions')
          .select([
            'agreement_id',
            'mobility_type',
            'sending_institution_id',
            'receiving_institution_id',
            'academic_year_from',
            'academic_year_to',
            'mobilities_per_year',
          ])
          .where('agreement_id', 'in', agreementIds)
          .execute(),
      ])
    : [[], []]
  return { opportunities, periods, home, agreements, conditions }
}
