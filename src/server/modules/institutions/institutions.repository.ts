import { type Kysely, sql } from 'kysely'
import { IN_FORCE } from '../../../shared/agreements.js'
import { fold } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import { matches, searchDocument, searchQuery } from '../../db/search.js'
import type { Actor } from '../../http/context.js'
import { iso } from '../../http/types.js'
import { COUNT_CAP, cappedCount, countUpTo } from '../agreements/agreements.repository.js'
import type { InstitutionDto, InstitutionFilter, InstitutionListItem } from './institutions.schema.js'

export const institutionColumns = [
  'i.id',
  'i.name',
  'i.kind',
  'i.country',
  'i.city',
  'i.website',
  'i.erasmus_code',
  'i.schac_id',
  'i.ror_id',
  'i.is_home',
  'i.tags',
] as const

type CoreRow = {
  id: string
  name: string
  kind: InstitutionDto['kind']
  country: string
  city: string | null
  website: string | null
  erasmus_code: string | null
  schac_id: string | null
  ror_id: string | null
  is_home: boolean
  tags: string[]
}

export function presentInstitution(row: CoreRow): InstitutionDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    city: row.city,
    website: row.website,
    erasmusCode: row.erasmus_code,
    schacId: row.schac_id,
    rorId: row.ror_id,
    isHome: row.is_home,
    tags: row.tags,
  }
}

/** The derived columns every write of an institution sets: the folded name and the search document. */
export function indexColumns(i: {
  name: string
  city?: string | null
  erasmus_code?: string | null
  schac_id?: string | null
  ror_id?: string | null
  tags?: string[]
}) {
  return {
    name_key: fold(i.name),
    search: searchDocument(i.name, i.city, i.erasmus_code, i.schac_id, i.ror_id, ...(i.tags ?? [])),
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000'

/** Institutions a person may see: a partner coordinator sees the home institution and their own. */
export function visibleInstitutions(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('institutions as i').where('i.merged_into', 'is', null)
  if (actor.role === 'partner') {
    q = q.where((eb) => eb.or([eb('i.is_home', '=', true), eb('i.id', '=', actor.institutionId ?? NO_ID)]))
  }
  return q
}

const inForce = sql.join(IN_FORCE.map((s) => sql.lit(s)))

type Counts = { in_force: number; total: number; next_end: string | null }

/**
 * A partner coordinator's figures count only the agreements they are a party to, so theirs are
 * counted for the page (a few rows); everyone else reads the figures kept on the rows (migration 0004).
 */
async function partnerCounts(db: Kysely<DB>, actor: Actor, ids: string[]): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>()
  if (ids.length === 0) return counts
  const grouped = await db
    .selectFrom('agreement_parties as own')
    .innerJoin('agreements as a', 'a.id', 'own.agreement_id')
    .innerJoin('agreement_parties as p', 'p.agreement_id', 'a.id')
    .where('own.institution_id', '=', actor.institutionId ?? NO_ID)
    .where('p.institution_id', 'in', ids)
    .select([
      'p.institution_id',
      sql<number>`(count(*) filter (where a.status in (${inForce})))::int`.as('in_force'),
      sql<number>`count(*)::int`.as('total'),
      sql<string | null>`(min(a.end_date) filter (where a.status in (${inForce})))::text`.as('next_end'),
    ])
    .groupBy('p.institution_id')
    .execute()
  for (const g of grouped) counts.set(g.institution_id, g)
  return counts
}

/** One page of the list, with the counts and the sort the officer asked for. */
export async function queryInstitutions(db: Kysely<DB>, actor: Actor, f: InstitutionFilter) {
  const partner = actor.role === 'partner'
  let q = visibleInstitutions(db, actor)
  const tsq = f.q ? searchQuery(f.q) : null
  // The planner tells a search that matches a few rows (read them from the index) from one that
  // matches half the list (read the list in order) by the column's statistics (migration 0004).
  if (tsq) q = q.where(matches('i.search', tsq))
  if (f.partnersOnly === 'true') q = q.where('i.is_home', '=', false)
  if (f.country?.length) q = q.where('i.country', 'in', f.country)
  if (f.kind?.length) q = q.where('i.kind', 'in', f.kind)
  if (f.tag) q = q.where(sql<boolean>`${f.tag.toLowerCase()} = any(i.tags)`)
  // Agreements in force: the kept figure, or for a partner coordinator those they are a party to.
  const ownInForce = sql<number>`(select count(*) from agreement_parties p join agreements a on a.id = p.agreement_id
    where p.institution_id = i.id and a.status in (${inForce})
      and exists (select 1 from agreement_parties own where own.agreement_id = a.id and own.institution_id = ${actor.institutionId ?? NO_ID}))`
  const inForceCount = partner ? ownInForce : sql<number>`i.agreements_in_force`
  if (f.inForce) q = q.where(f.inForce === 'true' ? sql<boolean>`${inForceCount} > 0` : sql<boolean>`${inForceCount} = 0`)
  const dir = sql.raw(f.dir)
  const order = {
    name: [sql`i.name ${dir}`],
    country: [sql`i.country ${dir}`, sql`i.name asc`],
    city: [sql`i.city ${dir} nulls last`, sql`i.name asc`],
    agreements: [sql`${inForceCount} ${dir}`, sql`i.name asc`],
    updated: [sql`i.updated_at ${dir}`],
  }[f.sort]
  let listed = q.select([
    ...institutionColumns,
    'i.updated_at',
    'i.agreements_in_force',
    'i.agreements_total',
    sql<string | null>`i.next_end_date::text`.as('next_end'),
    () => cappedCount(db, q).as('total_count'),
  ])
  for (const o of [...order, sql`i.id`]) listed = listed.orderBy(o)
  const rows = await listed
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute()
  const count = rows[0]?.total_count ?? (f.page > 1 ? await countUpTo(db, q) : 0)
  const counts = partner
    ? await partnerCounts(
        db,
        actor,
        rows.map((r) => r.id),
      )
    : new Map(rows.map((r) => [r.id, { in_force: r.agreements_in_force, total: r.agreements_total, next_end: r.next_end }]))
  const items: InstitutionListItem[] = rows.map((r) => ({
    ...presentInstitution(r),
    agreementsInForce: counts.get(r.id)?.in_force ?? 0,
    agreementsTotal: counts.get(r.id)?.total ?? 0,
    nextEndDate: counts.get(r.id)?.next_end ?? null,
    updatedAt: iso(r.updated_at) as string,
  }))
  return { items, total: Math.min(count, COUNT_CAP), totalCapped: count > COUNT_CAP }
}
