import type { Kysely } from 'kysely'
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
} from '../../../../shared/reports.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { countApplications, plannedPlaces } from '../flows/flows.repository.js'

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
  const [counted, planned] = await Promise.all([
    countApplications(db, q.groupBy, { ...flowFilter(q), scope: actor }),
    plannedBuckets(db, actor, q),
  ])

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
 * The places agreements plan in the years asked for, in the rows that agreements can say something
 * of (year, partner, country, the home unit named in the condition). A coordinator sees the
 * conditions that name their unit.
 */
async function plannedBuckets(db: Kysely<DB>, actor: Actor, q: MobilityReportQuery) {
  if (q.groupBy === 'kind' || q.groupBy === 'field') return []
  const places = await plannedPlaces(db, PLANNING, { ...flowFilter(q), scope: actor })
  return places.map((p) => {
    const bucket: Bucket =
      q.groupBy === 'year'
        ? { key: p.year, label: p.year, country: null }
        : q.groupBy === 'partner'
          ? { key: p.partner.id, label: p.partner.name, country: p.partner.country }
          : q.groupBy === 'country'
            ? { key: p.partner.country, label: p.partner.country, country: null }
            : { key: p.homeUnit.id, label: p.homeUnit.name ?? '', country: null }
    return { ...bucket, year: p.year, direction: p.direction, staff: p.staff, places: p.places }
  })
}

const flowFilter = (q: MobilityReportQuery) => ({ from: q.from, to: q.to, direction: q.direction, audience: q.audience })

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
