import { type Insertable, type Kysely, sql } from 'kysely'
import { containsPattern } from '../../../db/like.js'
import type { DB } from '../../../db/schema.js'
import type { OpportunityListFilter } from './opportunities.schema.js'

// Every query of the office's opportunities; the rules are in opportunities.service.ts, the public
// catalog's index in catalog.ts and the personal lists in favourites.ts.

/** Opportunities by id with their hosts, and their periods in order, in two queries whatever their number. */
export async function opportunityRows(db: Kysely<DB>, ids: string[]) {
  const [rows, blocks] = await Promise.all([
    db
      .selectFrom('opportunities as o')
      .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
      .selectAll('o')
      .select(['i.name as host_name', 'i.country as host_country', 'i.city as host_city'])
      .where('o.id', 'in', ids)
      .execute(),
    db.selectFrom('opportunity_blocks').selectAll().where('opportunity_id', 'in', ids).orderBy('position').execute(),
  ])
  return { rows, blocks }
}

/** The host (not merged away), the agreement's parties and the unit an opportunity refers to, as found. */
export async function referencesOf(trx: Kysely<DB>, refs: { hostId: string; agreementId: string | null; unitId: string | null }) {
  const [host, parties, unit] = await Promise.all([
    trx
      .selectFrom('institutions')
      .select(['id', 'is_home'])
      .where('id', '=', refs.hostId)
      .where('merged_into', 'is', null)
      .executeTakeFirst(),
    refs.agreementId
      ? trx.selectFrom('agreement_parties').select('institution_id').where('agreement_id', '=', refs.agreementId).execute()
      : [],
    refs.unitId ? trx.selectFrom('org_units').select('id').where('id', '=', refs.unitId).executeTakeFirst() : undefined,
  ])
  return { host, parties, unit }
}

/** Replaces an opportunity's periods. */
export async function writeBlocks(
  trx: Kysely<DB>,
  id: string,
  blocks: { label: string | null; startsOn: string; endsOn: string; capacity: number }[],
) {
  await trx.deleteFrom('opportunity_blocks').where('opportunity_id', '=', id).execute()
  if (blocks.length)
    await trx
      .insertInto('opportunity_blocks')
      .values(
        blocks.map((b, position) => ({
          opportunity_id: id,
          position,
          label: b.label,
          starts_on: b.startsOn,
          ends_on: b.endsOn,
          capacity: b.capacity,
        })),
      )
      .execute()
}

export async function insertOpportunity(trx: Kysely<DB>, values: Insertable<DB['opportunities']>): Promise<string> {
  return (await trx.insertInto('opportunities').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateOpportunityRow(trx: Kysely<DB>, id: string, values: Partial<Insertable<DB['opportunities']>>) {
  await trx.updateTable('opportunities').set(values).where('id', '=', id).execute()
}

export function lockOpportunity(trx: Kysely<DB>, id: string) {
  return trx
    .selectFrom('opportunities')
    .select(['id', 'status', 'org_unit_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** A page of ids for the office's list, newest change first, with the total. */
export async function opportunityIdPage(
  db: Kysely<DB>,
  f: Omit<OpportunityListFilter, 'page' | 'pageSize'>,
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('opportunities as o')
  if (f.status?.length) q = q.where('o.status', 'in', f.status)
  if (f.direction) q = q.where('o.direction', '=', f.direction)
  if (f.q) {
    const pattern = containsPattern(f.q)
    q = q.where((eb) =>
      eb.or([
        eb.exists(sql`(select 1 from jsonb_each_text(o.title) t where t.value ilike ${pattern})`),
        eb.exists(
          eb
            .selectFrom('institutions as i')
            .select('i.id')
            .whereRef('i.id', '=', 'o.host_institution_id')
            .where('i.name', 'ilike', pattern),
        ),
      ]),
    )
  }
  const [ids, count] = await Promise.all([
    q
      .select('o.id')
      .orderBy('o.updated_at', 'desc')
      .orderBy('o.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { ids: ids.map((r) => r.id), total: Number(count.n) }
}

/** What the catalog's index depends on: how many opportunities are published and when they or their hosts last changed. */
export function publishedSignature(db: Kysely<DB>) {
  return db
    .selectFrom('opportunities as o')
    .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.max('o.updated_at').as('opportunity'),
      eb.fn.max('i.updated_at').as('host'),
    ])
    .where('o.status', '=', 'published')
    .executeTakeFirstOrThrow()
}

/** Every published opportunity with its host, newest first, and their periods: what the catalog's index is built from. */
export async function publishedRows(db: Kysely<DB>) {
  const [rows, blocks] = await Promise.all([
    db
      .selectFrom('opportunities as o')
      .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
      .select([
        'o.id',
        'o.kind',
        'o.direction',
        'o.title',
        'o.description',
        'o.specialty',
        'o.department',
        'o.languages',
        'o.clinical_practice',
        'o.duration_weeks',
        'o.fee_amount',
        'o.fee_currency',
        'o.application_deadline',
        'o.requirements',
        'o.published_at',
        'o.host_institution_id',
        'i.name as host_name',
        'i.country as host_country',
        'i.city as host_city',
      ])
      .where('o.status', '=', 'published')
      .orderBy('o.published_at', 'desc')
      .orderBy('o.id')
      .execute(),
    db
      .selectFrom('opportunity_blocks as b')
      .innerJoin('opportunities as o', 'o.id', 'b.opportunity_id')
      .select(['b.id', 'b.opportunity_id', 'b.label', 'b.starts_on', 'b.ends_on', 'b.capacity'])
      .where('o.status', '=', 'published')
      .orderBy('b.opportunity_id')
      .orderBy('b.position')
      .execute(),
  ])
  return { rows, blocks }
}

export async function opportunityStatus(trx: Kysely<DB>, id: string) {
  return (await trx.selectFrom('opportunities').select('status').where('id', '=', id).executeTakeFirst())?.status
}

type ListTable = 'opportunity_favourites' | 'opportunity_alerts'

/** The opportunities on a person's list, newest first. */
export async function listedOn(db: Kysely<DB>, table: ListTable, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .select('opportunity_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => r.opportunity_id)
}

/** Puts an opportunity on a person's list; whether it was not there yet. */
export async function addTo(trx: Kysely<DB>, table: ListTable, userId: string, opportunityId: string): Promise<boolean> {
  const added = await trx
    .insertInto(table)
    .values({ user_id: userId, opportunity_id: opportunityId })
    .onConflict((oc) => oc.doNothing())
    .returning('opportunity_id')
    .executeTakeFirst()
  return added !== undefined
}

/** Takes an opportunity off a person's list; whether it was there. */
export async function removeFrom(trx: Kysely<DB>, table: ListTable, userId: string, opportunityId: string): Promise<boolean> {
  const removed = await trx
    .deleteFrom(table)
    .where('user_id', '=', userId)
    .where('opportunity_id', '=', opportunityId)
    .returning('opportunity_id')
    .executeTakeFirst()
  return removed !== undefined
}
