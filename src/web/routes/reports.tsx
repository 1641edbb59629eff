import { createRoute } from '@tanstack/react-router'
import { REPORT_AUDIENCES, REPORT_GROUPS } from '../../shared/reports'
import type { ReportSearch } from '../features/reports/MobilityReportPage'
import { MobilityReportPage } from '../pages'
import { appRoute, OFFICE, onlyFor } from './base'

// Reports for the office and leadership; their filters live in the URL.

const academicYear = (v: unknown) => (typeof v === 'string' && /^\d{4}\/\d{4}$/.test(v) ? v : undefined)

const mobilityReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/mobility',
  beforeLoad: onlyFor(...OFFICE),
  validateSearch: (s: Record<string, unknown>): ReportSearch => ({
    from: academicYear(s.from),
    to: academicYear(s.to),
    groupBy: REPORT_GROUPS.includes(s.groupBy as never) ? (s.groupBy as ReportSearch['groupBy']) : undefined,
    direction: s.direction === 'outgoing' || s.direction === 'incoming' ? s.direction : undefined,
    audience: REPORT_AUDIENCES.includes(s.audience as never) ? (s.audience as ReportSearch['audience']) : undefined,
  }),
  component: function MobilityReport() {
    return <MobilityReportPage search={mobilityReportRoute.useSearch()} />
  },
})

export const reportRoutes = [mobilityReportRoute]
