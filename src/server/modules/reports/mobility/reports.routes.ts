import { z } from 'zod'
import { ISCED_FIELDS, isAcademicYear } from '../../../../shared/agreements.js'
import { type FlowRow, REPORT_AUDIENCES, REPORT_GROUPS, type ReportGroup } from '../../../../shared/reports.js'
import type { Deps } from '../../../deps.js'
import { type Column, sendTable } from '../../../http/table-export.js'
import type { App } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { OFFICE } from '../../../kernel/roles.js'
import { type MobilityReportQuery, mobilityReport, reportYears } from './mobility-report.js'

const tags = ['reports']
const AcademicYear = z.string().refine(isAcademicYear, 'must be an academic year such as 2026/2027')

const ReportQuery = z
  .object({
    from: AcademicYear.optional().describe('First academic year (default: four years before the current one)'),
    to: AcademicYear.optional().describe('Last academic year (default: the one after the current one)'),
    groupBy: z.enum(REPORT_GROUPS, `must be one of ${REPORT_GROUPS.join(', ')}`).default('year'),
    direction: z.enum(['outgoing', 'incoming'], 'must be outgoing or incoming').optional(),
    audience: z.enum(REPORT_AUDIENCES, 'must be students or staff').optional(),
  })
  .strict()
const ExportQuery = ReportQuery.extend({ format: z.enum(['csv', 'xlsx'], 'must be csv or xlsx').default('csv') })

const Figures = {
  applied: z.number().int().describe('Applications submitted (whatever became of them)'),
  placed: z.number().int().describe('Of those, a place accepted'),
  realised: z.number().int().describe('Of those, accepted by the host (or admitted by us)'),
  preparing: z.number().int(),
  abroad: z.number().int().describe('Arrived and not yet over'),
  completed: z.number().int().describe('Over: the transcript or the certificate is in'),
  recognised: z.number().int().describe('Credits recognised at home'),
  days: z.number().int().describe('Days at the host of those who completed'),
  credits: z.number().describe('ECTS credits recognised at home'),
  planned: z.number().int().nullable().describe('Places the agreements plan; null where agreements do not say'),
  inPlan: z
    .number()
    .int()
    .nullable()
    .describe('Of those realised, the ones in a year, direction and audience for which agreements planned places'),
}
const MobilityReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(REPORT_GROUPS),
    rows: z.array(
      z.object({
        key: z.string().nullable().describe("The partner's or unit's id, country code, kind, ISCED-F code or year"),
        label: z.string(),
        country: z.string().nullable(),
        ...Figures,
      }),
    ),
    totals: z.object(Figures),
    years: z.array(
      z.object({
        academicYear: z.string(),
        outgoingStudents: z.number().int(),
        outgoingStaff: z.number().int(),
        incomingStudents: z.number().int(),
        incomingStaff: z.number().int(),
        planned: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MobilityReport' })

function queryOf(q: z.infer<typeof ReportQuery>, today: string): MobilityReportQuery {
  return { ...q, ...reportYears(q, today) }
}

export function reportsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/reports/mobility',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary:
          'Mobility flows per academic year, partner, country, kind, field or unit: applied, placed, realised, completed, credits recognised, beside the places agreements plan',
        querystring: ReportQuery,
        response: { 200: MobilityReportSchema },
      },
    },
    async (request) => mobilityReport(deps.db, request.auth!.actor, queryOf(request.query, todayUtc(deps.clock.now()))),
  )

  app.get(
    '/api/reports/mobility/export',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'The same report as CSV or XLSX, with a row of totals', querystring: ExportQuery },
    },
    async (request, reply) => {
      const { format, ...q } = request.query
      const report = await mobilityReport(deps.db, request.auth!.actor, queryOf(q, todayUtc(deps.clock.now())))
      const rows: FlowRow[] = [
        ...report.rows.map((r) => ({ ...r, label: exportLabel(report.groupBy, r) })),
        { key: null, label: 'Total', country: null, ...report.totals },
      ]
      return sendTable(reply, format, `mobility-${report.groupBy}`, exportColumns(report.groupBy), rows)
    },
  )
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' })

/** The row's name in the export, in English like every export. */
function exportLabel(groupBy: ReportGroup, r: FlowRow): string {
  if (r.key === null) return groupBy === 'unit' ? 'Institution-wide' : 'Not recorded'
  if (groupBy === 'country') return regions.of(r.key) ?? r.key
  if (groupBy === 'field') return ISCED_FIELDS[r.key] ? `${r.key} ${ISCED_FIELDS[r.key]}` : r.key
  if (groupBy === 'kind') return r.key.replaceAll('_', ' ')
  return r.label
}

const HEADERS: Record<ReportGroup, string> = {
  year: 'Academic year',
  partner: 'Partner',
  country: 'Country',
  kind: 'Kind of opportunity',
  field: 'Field (ISCED-F)',
  unit: 'Unit',
}

function exportColumns(groupBy: ReportGroup): Column<FlowRow>[] {
  return [
    { header: HEADERS[groupBy], value: (r) => r.label, width: 36 },
    ...(groupBy === 'partner' ? [{ header: 'Country', value: (r: FlowRow) => r.country, width: 10 }] : []),
    { header: 'Applied', value: (r) => r.applied, width: 10 },
    { header: 'Placed', value: (r) => r.placed, width: 10 },
    { header: 'Realised', value: (r) => r.realised, width: 10 },
    { header: 'Preparing', value: (r) => r.preparing, width: 10 },
    { header: 'Abroad or here', value: (r) => r.abroad, width: 12 },
    { header: 'Completed', value: (r) => r.completed, width: 10 },
    { header: 'Credits recognised (people)', value: (r) => r.recognised, width: 14 },
    { header: 'ECTS recognised', value: (r) => r.credits, width: 12 },
    { header: 'Days at the host', value: (r) => r.days, width: 12 },
    { header: 'Places planned by agreements', value: (r) => r.planned, width: 14 },
    { header: 'Realised against the plan', value: (r) => r.inPlan, width: 14 },
  ]
}
