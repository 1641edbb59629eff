import { type Kysely, sql } from 'kysely'
import type { DB, PartySummary } from '../../../db/schema.js'
import type { AgreementListItem } from '../agreements/agreements.schema.js'
import type { InstitutionListItem } from '../institutions/institutions.schema.js'

// What the in-memory registry lists read (decision 023): the database's snapshot, and the rows
// changed since a snapshot (every row, without one), by the transaction ids that wrote them.

export interface AgreementRecord {
  id: string
  reference: string
  title: string
  kind: AgreementListItem['kind']
  status: AgreementListItem['status']
  start_date: string | null
  end_date: string | null
  updated_at: string
  responsible_id: string | null
  party_summary: PartySummary[]
  partner_countries: string[]
  mobility_types: AgreementListItem['mobilityTypes']
  isced_prefixes: string[]
  places_per_year: number | null
  words: string[]
}

export interface InstitutionRecord {
  id: string
  name: string
  kind: InstitutionListItem['kind']
  country: string
  city: string | null
  website: string | null
  erasmus_code: string | null
  schac_id: string | null
  ror_id: string | null
  is_home: boolean
  tags: string[]
  agreements_in_force: number
  agreements_total: number
  next_end_date: string | null
  updated_at: string
  merged: boolean
  words: string[]
}

/** The current snapshot ('xmin:xmax:xip,…'): equal to the last one read, no writing transaction has begun or ended since. */
export async function currentSnapshot(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db)
  return rows[0]!.snapshot
}

/** The agreements, institutions, user names and removals written since `snapshot` (all of them, and no removals, without one), with the snapshot read at. */
export async function registryChanges(db: Kysely<DB>, snapshot: string | null) {
  const full = snapshot === null
  const [, xmax, xip] = (snapshot ?? '0:0:').split(':')
  const xips = xip ? xip.split(',') : []
  const changed = (column: string) =>
    full ? sql<boolean>`true` : sql<boolean>`(${sql.ref(column)} >= ${xmax}::xid8 or ${sql.ref(column)} = any(${xips}::xid8[]))`
  const { rows } = await sql<{
    snapshot: string
    agreements: AgreementRecord[]
    institutions: InstitutionRecord[]
    users: { id: string; name: string }[]
    removed: { kind: 'institution' | 'agreement'; id: string }[]
  }>`select pg_current_snapshot()::text as snapshot,
    (select coalesce(json_agg(x), '[]'::json) from (
      select a.id, a.reference, a.title, a.kind, a.status, a.start_date::text as start_date, a.end_date::text as end_date,
        a.updated_at, a.responsible_id, a.party_summary, a.partner_countries, a.mobility_types, a.isced_prefixes,
        a.places_per_year, tsvector_to_array(a.search) as words
      from agreements a where ${changed('a.row_txid')}) x) as agreements,
    (select coalesce(json_agg(x), '[]'::json) from (
      select i.id, i.name, i.kind, i.country, i.city, i.website, i.erasmus_code, i.schac_id, i.ror_id, i.is_home, i.tags,
        i.agreements_in_force, i.agreements_total, i.next_end_date::text as next_end_date, i.updated_at,
        i.merged_into is not null as merged, tsvector_to_array(i.search) as words
      from institutions i where ${changed('i.row_txid')}) x) as institutions,
    (select coalesce(json_agg(x), '[]'::json) from (select u.id, u.name from users u where ${changed('u.row_txid')}) x) as users,
    (select coalesce(json_agg(x), '[]'::json) from (
      select r.kind, r.id from registry_removed r where ${full ? sql`false` : changed('r.row_txid')}) x) as removed`.execute(db)
  return rows[0]!
}
