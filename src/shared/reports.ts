// The mobility report (issue 6, point 13): the flows the lifecycle made real, read by the office
// and leadership per academic year, partner, country, kind of opportunity, field or unit, beside the
// places the agreements plan. The server, the page and the export share these names.
import { academicYearOf, shiftAcademicYear } from './agreements.js'

/** What a row of the report stands for. */
export const REPORT_GROUPS = ['year', 'partner', 'country', 'kind', 'field', 'unit'] as const
export type ReportGroup = (typeof REPORT_GROUPS)[number]

/** Students (outgoing and incoming calls) or staff (staff calls), by the call's audience. */
export const REPORT_AUDIENCES = ['students', 'staff'] as const
export type ReportAudience = (typeof REPORT_AUDIENCES)[number]

/** The years a report covers at most: a longer range is refused rather than cut. */
export const REPORT_MAX_YEARS = 15

/**
 * The stages of the pipeline, each a subset of the one before it but for `planned`:
 * applied (submitted, whatever became of it) ⊇ placed (accepted a place, whatever the host said) ⊇
 * realised (accepted by the host, or admitted by us) = preparing + abroad + completed; recognised ⊆ completed.
 */
export interface FlowFigures {
  applied: number
  placed: number
  realised: number
  preparing: number
  abroad: number
  /** Over: the transcript of records or the certificate is in. */
  completed: number
  /** Credits recognised at home (outgoing students only). */
  recognised: number
  /** Days spent at the host by those who completed, arrival and departure days included. */
  days: number
  /** ECTS credits recognised at home. */
  credits: number
  /** Places the agreements in the years plan for this row; null where agreements do not say (kind, field). */
  planned: number | null
  /**
   * Of those realised, the ones in a year, direction and audience (students or staff) for which
   * agreements planned places in this row: what the plan is measured by. Null with `planned`.
   */
  inPlan: number | null
}

export const FLOW_FIGURES = [
  'applied',
  'placed',
  'realised',
  'preparing',
  'abroad',
  'completed',
  'recognised',
  'days',
  'credits',
  'planned',
  'inPlan',
] as const satisfies readonly (keyof FlowFigures)[]

export interface FlowRow extends FlowFigures {
  /** The partner's or unit's id, the country code, the kind, the ISCED-F code or the year; null for "none". */
  key: string | null
  label: string
  /** The partner's country, for partner rows. */
  country: string | null
}

/** Mobilities realised in a year, out and in, students and staff apart, beside the places planned. */
export interface FlowYear {
  academicYear: string
  outgoingStudents: number
  outgoingStaff: number
  incomingStudents: number
  incomingStaff: number
  planned: number
}

export interface MobilityReport {
  from: string
  to: string
  groupBy: ReportGroup
  rows: FlowRow[]
  totals: FlowFigures
  years: FlowYear[]
}

/** The years a report covers when none are asked for: the last four and the one the next calls are for. */
export function defaultReportYears(today: string): { from: string; to: string } {
  const current = academicYearOf(today)
  return { from: shiftAcademicYear(current, -4), to: shiftAcademicYear(current, 1) }
}

/** Every academic year from one to the other, both included. */
export function yearsBetween(from: string, to: string): string[] {
  const years: string[] = []
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(`${y}/${y + 1}`)
  return years
}
