import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { STAFF_MOBILITY } from '../../../shared/agreements.js'
import {
  defaultReportYears,
  FLOW_FIGURES,
  type FlowFigures,
  type FlowRow,
  type FlowYear,
  type MobilityReport,
  REPORT_MAX_YEARS,
  type ReportAudience,
  type ReportGroup,
  yearsBetween,
} from '../../../shared/reports.js'
import type { DB } from '../../db/schema.js'
import type { Actor } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { inUnitScope, unitScope } from '../../kernel/scope.js'

// The mobility report (issue 6, point 13; decision 033): every application of the years asked for,
// counted by how far it came — applied, placed, realised (preparing, abroad, completed), credits
// recognised — and grouped by the row the reader picked, beside the places agreements plan.

export interface MobilityReportQuery {
  from: string
  to: string
  groupBy: ReportGroup
  direction?: 'outgoing' | 'incoming'
  audience?: ReportAudience
}

/** Agreements whose conditions still say what was planned for their years: all but unsigned and terminated ones. */
const PLANNING = ['signed', 'active', 'expiring', 'expired', 'renewed'] as const
const PLACED = ['accepted', 'nominated', 'host_accepted', 'host_rejected'] as const

const emptyFigures = (planned: number | null): FlowFigures => ({
  applied: 0,
  placed: 0,
  realised: 0,
  preparing: 0,
  abroad: 0,
  completed: 0,
  recognised: 0,
  days: 0,
  credits: 0,
  planned,
  inPlan: planned,
})

/** The row an application or a planned place falls in, as the key and the label shown. */
interface Bucket {
  key: string | null
  label: string
  country: string | null
}

/** The report a person may read: the office sees every call, a coordinator the calls of their unit. */
export async function mobilityReport(db: Kysely<DB>, actor: Actor, q: MobilityReportQuery): Promise<MobilityReport> {
  const years = yearsBetween(q.from, q.to)
  const [counted, planned] = await Promise.all([countApplications(db, actor, q), plannedPlaces(db, actor, q, years)])

  const rows = new Map<string, FlowRow>()
  const rowOf = (b: Bucket, planned: number | null) => {
    const id = b.key ?? ''
    let row = rows.get(id)
    if (!row) {
      row = { ...b, ...emptyFigures(planned) }
      rows.set(id, row)
    }
    return row
  }
  const byYear = new Map<string, FlowYear>(
    years.map((y) => [
      y,
      { academicYear: y, outgoingStudents: 0, outgoingStaff: 0, incomingStudents: 0, incomingStaff: 0, planned: 0 },
    ]),
  )
  const plansPlaces = q.groupBy !== 'kind' && q.groupBy !== 'field'
  // Every year is a row of its own when rows are years, a quiet one too.
  if (q.groupBy === 'year') for (const y of years) rowOf({ key: y, label: y, country: null }, 0)
  // The places planned per row, year, direction and audience: a mobility counts against the plan
  // only where one was made for it.
  const plannedCells = new Set<string>()
  for (const p of planned) {
    if (plansPlaces) {
      const row = rowOf(p, 0)
      row.planned = (row.planned ?? 0) + p.places
      plannedCells.add(cellOf(p))
    }
    byYear.get(p.year)!.planned += p.places
  }
  for (const c of counted) {
    const row = rowOf(c, plansPlaces ? 0 : null)
    for (const f of FLOW_FIGURES) if (f !== 'planned' && f !== 'inPlan') row[f] += c[f]
    if (plannedCells.has(cellOf(c))) row.inPlan = (row.inPlan ?? 0) + c.realised
    const year = byYear.get(c.year)
    if (year) year[trendKey(c.direction, c.staff)] += c.realised
  }

  const totals = emptyFigures(plansPlaces ? 0 : null)
  for (const row of rows.values()) for (const f of FLOW_FIGURES) if (row[f] !== null) totals[f] = (totals[f] ?? 0) + row[f]!
  if (!plansPlaces) {
    totals.planned = null
    totals.inPlan = null
  }
  totals.credits = round(totals.credits)

  const sorted = [...rows.values()].map((r) => ({ ...r, credits: round(r.credits) }))
  if (q.groupBy === 'year') sorted.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''))
  else sorted.sort((a, b) => b.realised - a.realised || b.applied - a.applied || a.label.localeCompare(b.label))
  return { from: q.from, to: q.to, groupBy: q.groupBy, rows: sorted, totals, years: [...byYear.values()] }
}

const cellOf = (c: { key: string | null; year: string; direction: string; staff: boolean }) =>
  `${c.key ?? ''}|${c.year}|${c.direction}|${c.staff}`

const trendKey = (direction: 'outgoing' | 'incoming', staff: boolean) =>
  direction === 'outgoing' ? (staff ? 'outgoingStaff' : 'outgoingStudents') : staff ? 'incomingStaff' : 'incomingStudents'

const round = (n: number) => Math.round(n * 10) / 10

/**
 * The applications submitted in the years' calls, counted per row, year, direction and audience.
 * An application counts for the opportunity it was offered, or else for its first choice; the
 * partner is the host for outgoing people and the visitor's home institution for incoming ones.
 */
async function countApplications(db: Kysely<DB>, actor: Actor, q: MobilityReportQuery) {
  const staff = sql<boolean>`(c.audience = 'staff')`
  const year = sql<string>`c.academic_year collate "C"`
  const direction = sql<'outgoing' | 'incoming'>`o.direction collate "C"`
  const group = groupExpressions(q.groupBy)
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
    .where('c.academic_year', '>=', q.from)
    .where('c.academic_year', '<=', q.to)
    .groupBy([group.key, year, direction, staff])
  query = query.where(unitScope(actor, 'c.org_unit_id'))
  if (q.direction) query = query.where('o.direction', '=', q.direction)
  if (q.audience) query = query.where(staff, '=', q.audience === 'staff')
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

/**
 * The places per year that agreements' cooperation conditions plan between the home institution
 * and a partner in the years asked for, for the rows that agreements can say something of
 * (year, partner, country, the home unit named in the condition). A coordinator sees the
 * conditions that name their unit.
 */
async function plannedPlaces(db: Kysely<DB>, actor: Actor, q: MobilityReportQuery, years: string[]) {
  if (q.groupBy === 'kind' || q.groupBy === 'field') return []
  const rows = await db
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
    .where('a.status', 'in', PLANNING)
    .where('c.mobilities_per_year', 'is not', null)
    .where('c.academic_year_from', '<=', q.to)
    .where('c.academic_year_to', '>=', q.from)
    .where((eb) => eb.or([eb('s.is_home', '=', true), eb('r.is_home', '=', true)]))
    .execute()
  const places: (Bucket & { year: string; direction: 'outgoing' | 'incoming'; staff: boolean; places: number })[] = []
  for (const r of rows) {
    const direction = r.home_sends && !r.home_receives ? 'outgoing' : r.home_receives && !r.home_sends ? 'incoming' : null
    if (!direction || (q.direction && q.direction !== direction)) continue
    const isStaff = STAFF_MOBILITY.includes(r.mobility_type)
    if (q.audience && (q.audience === 'staff') !== isStaff) continue
    const out = direction === 'outgoing'
    const homeUnit = out ? r.sending_unit_id : r.receiving_unit_id
    if (!inUnitScope(actor, homeUnit)) continue
    const partner = out
      ? { id: r.receiver_id, name: r.receiver, country: r.receiver_country }
      : { id: r.sender_id, name: r.sender, country: r.sender_country }
    const bucket: Bucket =
      q.groupBy === 'partner'
        ? { key: partner.id, label: partner.name, country: partner.country }
        : q.groupBy === 'country'
          ? { key: partner.country, label: partner.country, country: null }
          : q.groupBy === 'unit'
            ? { key: homeUnit, label: (out ? r.sending_unit : r.receiving_unit) ?? '', country: null }
            : { key: null, label: '', country: null }
    for (const year of years) {
      if (year < r.academic_year_from || year > r.academic_year_to) continue
      const b = q.groupBy === 'year' ? { key: year, label: year, country: null } : bucket
      places.push({ ...b, year, direction, staff: isStaff, places: r.mobilities_per_year! })
    }
  }
  return places
}

/**
 * The report's years: those asked for, else the default range around today; refused, naming the
 * field, when they run backwards or span more than REPORT_MAX_YEARS.
 */
export function reportYears(asked: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const fallback = defaultReportYears(today)
  const from = asked.from ?? (asked.to && asked.to < fallback.from ? asked.to : fallback.from)
  const to = asked.to ?? (asked.from && asked.from > fallback.to ? asked.from : fallback.to)
  if (from > to) throw AppError.validation('querystring.to', `must not come before ${from}`)
  if (yearsBetween(from, to).length > REPORT_MAX_YEARS)
    throw AppError.validation('querystring.to', `must be at most ${REPORT_MAX_YEARS} academic years after the first`)
  return { from, to }
}
