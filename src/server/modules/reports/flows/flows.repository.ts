import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { type AgreementStatus, type MobilityType, STAFF_MOBILITY } from '../../../../shared/agreements.js'
import type { FlowFigures, ReportAudience, ReportGroup } from '../../../../shared/reports.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { inUnitScope, unitScope } from '../../../kernel/scope.js'

// The one reading of mobility flows (decision 033): the places agreements plan with partners and
// the applications counted by how far they came. The mobility report and a partner's profile both
// read them here, so the two cannot drift apart.

/** Which flows: a range of academic years, one direction, students or staff, one partner, a reader's unit. */
export interface FlowFilter {
  from?: string
  to?: string
  direction?: 'outgoing' | 'incoming'
  audience?: ReportAudience
  /** Only the flows with this institution. */
  partnerId?: string
  /** A coordinator reads their unit's part; null reads every unit's. */
  scope: Actor | null
}

/** One agreement condition's places for one academic year, seen from the home institution. */
export interface PlannedPlace {
  year: string
  direction: 'outgoing' | 'incoming'
  mobilityType: MobilityType
  staff: boolean
  places: number
  partner: { id: string; name: string; country: string }
  /** The home institution's unit the condition names, if any. */
  homeUnit: { id: string | null; name: string | null }
}

/**
 * The places per academic year that the cooperation conditions of agreements in `statuses` plan
 * between the home institution and a partner: outgoing when home sends, incoming when it receives.
 * A condition without a number of mobilities plans nothing countable.
 */
export async function plannedPlaces(
  db: Kysely<DB>,
  statuses: readonly AgreementStatus[],
  f: FlowFilter,
): Promise<PlannedPlace[]> {
  let query = db
    .selectFrom('agreement_conditions as c')
    .innerJoin('agreements as a', 'a.id', 'c.agreement_id')
    .innerJoin('institutions as s', 's.id', 'c.sending_institution_id')
    .innerJoin('institutions as r', 'r.id', 'c.receiving_institution_id')
    .leftJoin('org_units as su', 'su.id', 'c.sending_unit_id')
    .leftJoin('org_units as ru', 'ru.id', 'c.receiving_unit_id')
    .select([
      'c.mobility_type',
      'c.academic_year_from',
      'c.academic_year_to',
      'c.mobilities_per_year',
      's.is_home as home_sends',
      'r.is_home as home_receives',
      's.id as sender_id',
      's.name as sender',
      's.country as sender_country',
      'r.id as receiver_id',
      'r.name as receiver',
      'r.country as receiver_country',
      'c.sending_unit_id',
      'su.name as sending_unit',
      'c.receiving_unit_id',
      'ru.name as receiving_unit',
    ])
    .where('a.status', 'in', statuses)
    .where('c.mobilities_per_year', 'is not', null)
    .where((eb) => eb.or([eb('s.is_home', '=', true), eb('r.is_home', '=', true)]))
  if (f.from) query = query.where('c.academic_year_to', '>=', f.from)
  if (f.to) query = query.where('c.academic_year_from', '<=', f.to)
  const partnerId = f.partnerId
  if (partnerId)
    query = query.where((eb) =>
      eb.or([eb('c.sending_institution_id', '=', partnerId), eb('c.receiving_institution_id', '=', partnerId)]),
    )
  const places: PlannedPlace[] = []
  for (const r of await query.execute()) {
    const direction = r.home_sends && !r.home_receives ? 'outgoing' : r.home_receives && !r.home_sends ? 'incoming' : null
    if (!direction || (f.direction && f.direction !== direction)) continue
    const staff = STAFF_MOBILITY.includes(r.mobility_type)
    if (f.audience && (f.audience === 'staff') !== staff) continue
    const out = direction === 'outgoing'
    const homeUnit = { id: out ? r.sending_unit_id : r.receiving_unit_id, name: out ? r.sending_unit : r.receiving_unit }
    if (f.scope && !inUnitScope(f.scope, homeUnit.id)) continue
    const partner = out
      ? { id: r.receiver_id, name: r.receiver, country: r.receiver_country }
      : { id: r.sender_id, name: r.sender, country: r.sender_country }
    const first = Math.max(Number(r.academic_year_from.slice(0, 4)), f.from ? Number(f.from.slice(0, 4)) : -Infinity)
    const last = Math.min(Number(r.academic_year_to.slice(0, 4)), f.to ? Number(f.to.slice(0, 4)) : Infinity)
    for (let y = first; y <= last; y++) {
      places.push({
        year: `${y}/${y + 1}`,
        direction,
        mobilityType: r.mobility_type,
        staff,
        places: r.mobilities_per_year!,
        partner,
        homeUnit,
      })
    }
  }
  return places
}

/** Where an application stands, as the flows count it. */
const PLACED = ['accepted', 'nominated', 'host_accepted', 'host_rejected'] as const

/** One row of the counted applications: a group's key and label, its year, direction and audience, and the figures. */
export interface CountedApplications extends Omit<FlowFigures, 'planned' | 'inPlan'> {
  key: string | null
  label: string
  country: string | null
  year: string
  direction: 'outgoing' | 'incoming'
  staff: boolean
}

/**
 * The submitted applications of the filter's calls, counted per group, year, direction and
 * audience. An application counts for the opportunity it was offered, or else for its first
 * choice; the partner is the host for outgoing people and the visitor's home institution for
 * incoming ones. `realisedOnly` counts the realised ones alone (a partner's profile).
 */
export async function countApplications(
  db: Kysely<DB>,
  groupBy: ReportGroup,
  f: FlowFilter & { realisedOnly?: boolean },
): Promise<CountedApplications[]> {
  const staff = sql<boolean>`(c.audience = 'staff')`
  const year = sql<string>`c.academic_year collate "C"`
  const direction = sql<'outgoing' | 'incoming'>`o.direction collate "C"`
  const group = groupExpressions(groupBy)
  const realised = sql<SqlBool>`a.status = 'host_accepted'`
  const count = (where: Expression<SqlBool>) => sql<number>`(count(*) filter (where ${where}))::int`
  let query = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    // Ranks run from 1: the first choice is a plain join, and the opportunity is joined on one value
    // (a hash join) rather than probed with a subquery per application.
    .leftJoin('application_choices as first', (j) => j.onRef('first.application_id', '=', 'a.id').on('first.rank', '=', 1))
    .innerJoin('opportunities as o', (j) => j.on(sql<SqlBool>`o.id = coalesce(a.offered_opportunity_id, first.opportunity_id)`))
    .leftJoin('institutions as p', (j) =>
      j.on(sql<SqlBool>`p.id = case when o.direction = 'outgoing' then o.host_institution_id else u.institution_id end`),
    )
    .leftJoin('org_units as ou', 'ou.id', 'c.org_unit_id')
    .leftJoin('mobilities as m', (j) => j.onRef('m.application_id', '=', 'a.id').on(realised))
    // The credits recognised per mobility, summed once per mobility rather than per row of the join.
    .leftJoin(
      sql<{ application_id: string; credits: string }>`(select r.application_id, sum((e.value->>'credits')::numeric) as credits
        from mobilities r cross join jsonb_array_elements(r.recognition) e
        where (e.value->>'recognised')::boolean group by r.application_id)`.as('rc'),
      (j) => j.onRef('rc.application_id', '=', 'm.application_id'),
    )
    .select([
      group.key.as('key'),
      sql<string>`max(${group.label})`.as('label'),
      sql<string | null>`max(${group.country})`.as('country'),
      year.as('year'),
      direction.as('direction'),
      staff.as('staff'),
      sql<number>`count(*)::int`.as('applied'),
      count(sql`a.status in (${sql.join(PLACED)})`).as('placed'),
      count(realised).as('realised'),
      count(sql`${realised} and m.id is null`).as('preparing'),
      count(sql`m.status = 'abroad'`).as('abroad'),
      count(sql`m.status in ('returned', 'recognised')`).as('completed'),
      count(sql`m.status = 'recognised'`).as('recognised'),
      sql<number>`coalesce(sum(m.left_on - m.arrived_on + 1) filter (where m.status <> 'abroad'), 0)::int`.as('days'),
      sql<string>`coalesce(sum(rc.credits), 0)`.as('credits'),
    ])
    .where('a.submitted_at', 'is not', null)
    .groupBy([group.key, year, direction, staff])
  if (f.from) query = query.where('c.academic_year', '>=', f.from)
  if (f.to) query = query.where('c.academic_year', '<=', f.to)
  if (f.scope) query = query.where(unitScope(f.scope, 'c.org_unit_id'))
  if (f.direction) query = query.where('o.direction', '=', f.direction)
  if (f.audience) query = query.where(staff, '=', f.audience === 'staff')
  if (f.realisedOnly) query = query.where(realised)
  if (f.partnerId) query = query.where('p.id', '=', f.partnerId)
  const rows = await query.execute()
  return rows.map((r) => ({ ...r, credits: Number(r.credits) }))
}

/** What a row is, per grouping, in the query above (`p` the partner, `o` the opportunity, `c` the call, `ou` its unit). */
function groupExpressions(groupBy: ReportGroup) {
  // Keys compare byte by byte (uuids as uuids, codes in the "C" collation): grouping sorts or
  // hashes every application, and a language's collation makes that several times slower.
  const none = sql<string | null>`null::text`
  switch (groupBy) {
    case 'year':
      return { key: sql<string | null>`c.academic_year collate "C"`, label: sql<string>`c.academic_year`, country: none }
    case 'partner':
      return { key: sql<string | null>`p.id`, label: sql<string>`coalesce(p.name, '')`, country: sql<string | null>`p.country` }
    case 'country':
      return { key: sql<string | null>`p.country collate "C"`, label: sql<string>`coalesce(p.country, '')`, country: none }
    case 'kind':
      return { key: sql<string | null>`o.kind collate "C"`, label: sql<string>`o.kind`, country: none }
    case 'field':
      return { key: sql<string | null>`o.isced collate "C"`, label: sql<string>`coalesce(o.isced, '')`, country: none }
    case 'unit':
      return { key: sql<string | null>`c.org_unit_id`, label: sql<string>`coalesce(ou.name, '')`, country: none }
  }
}
