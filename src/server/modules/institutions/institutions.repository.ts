import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import { IN_FORCE } from '../../../shared/agreements.js'
import { fold } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import { matches, narrowMatches, searchDocument, searchQuery } from '../../db/search.js'
import type { Actor } from '../../http/context.js'
import { iso } from '../../http/types.js'
import { COUNT_CAP, countUpTo } from '../agreements/agreements.repository.js'
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

/** For a partner coordinator: only agreements their own institution is a party to. */
function ownAgreement(actor: Actor) {
  return (w: ExpressionBuilder<DB & { a: DB['agreements'] }, 'a'>) =>
    w.exists(
      w
        .selectFrom('agreement_parties as own')
        .select('own.agreement_id')
        .whereRef('own.agreement_id', '=', 'a.id')
        .where('own.institution_id', '=', actor.institutionId ?? NO_ID),
    )
}

/** One page of the list, with the counts and the sort the officer asked for. */
export async function queryInstitutions(db: Kysely<DB>, actor: Actor, f: InstitutionFilter) {
  let q = visibleInstitutions(db, actor)
  const tsq = f.q ? searchQuery(f.q) : null
  if (tsq) {
    const ids = await narrowMatches(db, 'institutions', tsq)
    q = ids ? q.where('i.id', 'in', ids.length ? ids : [NO_ID]) : q.where(matches('i.search', tsq))
  }
  if (f.partnersOnly === 'true') q = q.where('i.is_home', '=', false)
  if (f.country?.length) q = q.where('i.country', 'in', f.country)
  if (f.kind?.length) q = q.where('i.kind', 'in', f.kind)
  if (f.tag) q = q.where(sql<boolean>`${f.tag.toLowerCase()} = any(i.tags)`)
  if (f.inForce) {
    const exists = sql<boolean>`exists (select 1 from agreement_parties p join agreements a on a.id = p.agreement_id
      where p.institution_id = i.id and a.status in (${inForce}))`
    q = q.where(f.inForce === 'true' ? exists : sql<boolean>`not ${exists}`)
  }
  // Agreements in force, all agreements and the next end date, counted for the institutions of
  // the page only (a second, grouped query), unless the page is sorted by them.
  const countsOf = (eb: ExpressionBuilder<DB & { i: DB['institutions'] }, 'i'>) =>
    eb
      .selectFrom('agreement_parties as p')
      .innerJoin('agreements as a', 'a.id', 'p.agreement_id')
      .whereRef('p.institution_id', '=', 'i.id')
      .$if(actor.role === 'partner', (qb) => qb.where(ownAgreement(actor)))
  const dir = f.dir
  const order = {
    name: [sql`i.name ${sql.raw(dir)}`],
    country: [sql`i.country ${sql.raw(dir)}`, sql`i.name asc`],
    city: [sql`i.city ${sql.raw(dir)} nulls last`, sql`i.name asc`],
    agreements: [sql`in_force ${sql.raw(dir)}`, sql`i.name asc`],
    updated: [sql`i.updated_at ${sql.raw(dir)}`],
  }[f.sort]
  let listed = q.select([...institutionColumns, 'i.updated_at'])
  if (f.sort === 'agreements') {
    listed = listed.select((eb) =>
      countsOf(eb).select(sql<number>`count(*)::int`.as('n')).where('a.status', 'in', IN_FORCE).as('in_force'),
    ) as typeof listed
  }
  for (const o of [...order, sql`i.id`]) listed = listed.orderBy(o)
  const [rows, count] = await Promise.all([
    listed
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    countUpTo(db, q.select('i.id'), COUNT_CAP),
  ])
  const counts = new Map<string, { in_force: number; total: number; next_end: string | null }>()
  if (rows.length) {
    const grouped = await db
      .selectFrom('agreement_parties as p')
      .innerJoin('agreements as a', 'a.id', 'p.agreement_id')
      .where(
        'p.institution_id',
        'in',
        rows.map((r) => r.id),
      )
      .$if(actor.role === 'partner', (qb) => qb.where(ownAgreement(actor)))
      .select([
        'p.institution_id',
        sql<number>`(count(*) filter (where a.status in (${inForce})))::int`.as('in_force'),
        sql<number>`count(*)::int`.as('total'),
        sql<string | null>`(min(a.end_date) filter (where a.status in (${inForce})))::text`.as('next_end'),
      ])
      .groupBy('p.institution_id')
      .execute()
    for (const g of grouped) counts.set(g.institution_id, g)
  }
  const items: InstitutionListItem[] = rows.map((r) => ({
    ...presentInstitution(r),
    agreementsInForce: counts.get(r.id)?.in_force ?? 0,
    agreementsTotal: counts.get(r.id)?.total ?? 0,
    nextEndDate: counts.get(r.id)?.next_end ?? null,
    updatedAt: iso(r.updated_at) as string,
  }))
  return { items, total: Math.min(count, COUNT_CAP), totalCapped: count > COUNT_CAP }
}
