import type { Kysely } from 'kysely'
import type { DB } from '../src/server/db/schema.js'

// The mobility report's benchmark (`BENCH_ONLY=mobility_report`): what is generated and what is asked.

const YEARS = 'from=2016/2017&to=2025/2026'

/** What the office and leadership ask of the mobility report: every grouping, some filtered. */
export const REPORTS = [
  `/api/reports/mobility?${YEARS}`,
  `/api/reports/mobility?${YEARS}&groupBy=partner`,
  `/api/reports/mobility?${YEARS}&groupBy=country&direction=outgoing`,
  `/api/reports/mobility?${YEARS}&groupBy=kind&audience=students`,
  '/api/reports/mobility?groupBy=field',
  `/api/reports/mobility?${YEARS}&groupBy=unit&direction=incoming`,
]

/** A report is read by a handful of people at once (the office, a dean, the rector's staff), not by a crowd. */
export const REPORT_CLIENTS = 4
const APPLICANTS_PER_YEAR = 6_000

/** 2,000 partners, 5,000 agreements, 2,000 opportunities and ten years of 6,000 applications each. */
export async function populateReport(db: Kysely<DB>) {
  const { generateNetwork } = await import('./generate-network.js')
  const { generateOpportunities } = await import('./generate-catalog.js')
  const { generateHistory } = await import('./generate-history.js')
  await generateNetwork(db, { institutions: 2_000, agreements: 5_000 })
  await generateOpportunities(db, 2_000)
  await generateHistory(db, APPLICANTS_PER_YEAR)
}
