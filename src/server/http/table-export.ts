import type { FastifyReply } from 'fastify'

export interface Column<T> {
  header: string
  value: (row: T) => string | number | null
  width?: number
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the
 * start) gets a leading apostrophe, so an exported partner name cannot become a command (OWASP CSV
 * injection). Numbers stay numbers.
 */
export function defuse(value: string | number | null): string | number {
  if (value === null) return ''
  if (typeof value === 'number') return value
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** At most this many rows go into one export; the list says so when there are more. */
export const EXPORT_MAX_ROWS = 50_000

/**
 * Sends rows as CSV (UTF-8 with a byte-order mark, so Excel reads accents and Cyrillic) or as an
 * XLSX workbook with a bold, frozen header row and a filter.
 */
export async function sendTable<T>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  baseName: string,
  columns: Column<T>[],
  rows: T[],
) {
  const stamp = new Date().toISOString().slice(0, 10)
  const fileName = `${baseName}-${stamp}.${format}`
  reply.header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store')
  if (format === 'csv') {
    // Loaded on first use: these libraries would otherwise slow every start of the server.
    const { default: Papa } = await import('papaparse')
    const csv = Papa.unparse({
      fields: columns.map((c) => c.header),
      data: rows.map((r) => columns.map((c) => defuse(c.value(r)))),
    })
    return reply.type('text/csv; charset=utf-8').send(`\uFEFF${csv}\r\n`)
  }
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Meridian'
  const sheet = workbook.addWorksheet(baseName.slice(0, 31))
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }))
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r)))
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer)
}
