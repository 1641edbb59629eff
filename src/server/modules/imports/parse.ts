import type ExcelJS from 'exceljs'

export interface Sheet {
  name: string
  headers: string[]
  rows: string[][]
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/**
 * Reads a spreadsheet as offices really save them: XLSX (every sheet), or CSV separated by commas,
 * semicolons or tabs, in UTF-8 with or without a byte-order mark, or in Windows-1252 when the bytes
 * are not UTF-8. The first non-empty row is the header row; empty rows are dropped.
 */
export async function readSpreadsheet(content: Buffer): Promise<Sheet[]> {
  if (content.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(content)
  return [await readCsv(decodeText(content))]
}

export function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1252').decode(content)
  }
}

async function readCsv(text: string): Promise<Sheet> {
  const { default: Papa } = await import('papaparse')
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t', '|'] })
  return toSheet('CSV', parsed.data)
}

async function readXlsx(content: Buffer): Promise<Sheet[]> {
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  await workbook.xlsx.load(content as unknown as ArrayBuffer)
  return workbook.worksheets.map((ws) => {
    const rows: string[][] = []
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = []
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c)))
      rows.push(cells)
    })
    return toSheet(ws.name, rows)
  })
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object' && 'hyperlink' in v) return String((v as { text?: unknown }).text ?? v.hyperlink)
  if (typeof v === 'object' && 'result' in v) return String((v as { result?: unknown }).result ?? '')
  if (typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
  return String(v).trim()
}

function toSheet(name: string, raw: string[][]): Sheet {
  const rows = raw.map((r) => r.map((c) => (c ?? '').toString().trim())).filter((r) => r.some((c) => c !== ''))
  const headers = (rows[0] ?? []).map((h, i) => h || `Column ${i + 1}`)
  const width = Math.max(headers.length, ...rows.map((r) => r.length))
  while (headers.length < width) headers.push(`Column ${headers.length + 1}`)
  return { name, headers, rows: rows.slice(1).map((r) => headers.map((_, i) => r[i] ?? '')) }
}
