import { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { storableText } from '../../../shared/text.js'

// Reading a spreadsheet's cells, with limits named in every refusal. Runs inside a worker thread
// (parse.ts), so a hostile or huge file costs that thread's time and memory, never the server's.

export interface Sheet {
  name: string
  headers: string[]
  rows: string[][]
}

/** What one import file may hold. Each refusal names the limit it reached. */
export const SPREADSHEET_LIMITS = {
  rows: 100_000,
  columns: 200,
  cells: 2_000_000,
  /** The XML inside an XLSX file, as its own directory declares it, before it is read. */
  unpackedBytes: 300 * 1024 * 1024,
} as const

/** An expected refusal of a file: it can be read, but it is more than an import may hold. */
export class SpreadsheetTooLarge extends Error {
  // read by the worker entry: a refusal to pass on as it is, not a failure to read the file
  static readonly expected = true
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/**
 * Reads a spreadsheet as offices really save them: XLSX (every sheet), or CSV separated by commas,
 * semicolons or tabs, in UTF-8 with or without a byte-order mark, or in Windows-1252 when the bytes
 * are not UTF-8. The first non-empty row is the header row; empty rows are dropped.
 */
export async function parseSpreadsheet(bytes: Uint8Array): Promise<Sheet[]> {
  // a Buffer arrives in a worker as a plain Uint8Array
  const content = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
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

/** Column letters as a spreadsheet shows them: 1 → A, 16384 → XFD. */
export function columnLetters(n: number): string {
  let s = ''
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s
  return s
}

class Limits {
  cells = 0
  constructor(private readonly sheet: string) {}

  row(count: number) {
    if (count > SPREADSHEET_LIMITS.rows)
      throw new SpreadsheetTooLarge(
        `Sheet "${this.sheet}" has more than ${SPREADSHEET_LIMITS.rows.toLocaleString('en')} rows; an import takes at most ${SPREADSHEET_LIMITS.rows.toLocaleString('en')}. Split the file.`,
      )
  }

  width(rowNumber: number, lastColumn: number, filled: number) {
    if (lastColumn > SPREADSHEET_LIMITS.columns)
      throw new SpreadsheetTooLarge(
        `Sheet "${this.sheet}" has a value in column ${columnLetters(lastColumn)} of row ${rowNumber}; an import reads at most ${SPREADSHEET_LIMITS.columns} columns (up to ${columnLetters(SPREADSHEET_LIMITS.columns)}). Delete the columns to the right of the data.`,
      )
    this.cells += filled
    if (this.cells > SPREADSHEET_LIMITS.cells)
      throw new SpreadsheetTooLarge(
        `The file has more than ${SPREADSHEET_LIMITS.cells.toLocaleString('en')} filled cells; an import takes at most that many. Split the file.`,
      )
  }
}

async function readCsv(text: string): Promise<Sheet> {
  const { default: Papa } = await import('papaparse')
  const limits = new Limits('CSV')
  const raw: string[][] = []
  let failure: unknown
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t', '|'],
    step: (result, parser) => {
      try {
        const cells = result.data
        limits.row(raw.length + 1)
        let last = 0
        let filled = 0
        for (let i = 0; i < cells.length; i++)
          if (cells[i] !== '') {
            last = i + 1
            filled++
          }
        limits.width(raw.length + 1, last, filled)
        raw.push(cells.slice(0, last))
      } catch (error) {
        failure = error
        parser.abort()
      }
    },
  })
  if (failure) throw failure
  return toSheet('CSV', raw)
}

/**
 * XLSX through exceljs's streaming reader: rows arrive one by one, so the limits refuse a file at
 * the first row past them instead of after building the whole workbook in memory.
 */
async function readXlsx(content: Buffer): Promise<Sheet[]> {
  checkUnpackedSize(content)
  const { default: Excel } = await import('exceljs')
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are numbers with a date format; without styles they would read as serials
    worksheets: 'emit',
    entries: 'emit',
  })
  const sheets: Sheet[] = []
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; id?: number }
    const name = ws.name ?? `Sheet${ws.id ?? sheets.length + 1}`
    const limits = new Limits(name)
    const raw: string[][] = []
    for await (const row of ws) {
      limits.row(raw.length + 1)
      const values = row.values as unknown[]
      const cells: string[] = []
      let filled = 0
      // for…in visits only the cells present, so a lone cell far to the right costs one step
      for (const key in values) {
        const column = Number(key)
        const text = cellText(values[column])
        if (text === '') continue
        if (column > SPREADSHEET_LIMITS.columns) limits.width(row.number, column, 0)
        while (cells.length < column - 1) cells.push('')
        cells.push(text)
        filled++
      }
      limits.width(row.number, cells.length, filled)
      raw.push(cells)
    }
    sheets.push(toSheet(name, raw))
  }
  return sheets
}

/**
 * Sums the sizes the zip's central directory declares for its entries. A file whose XML would
 * unpack to hundreds of megabytes is refused before a byte of it is inflated; one that lies about
 * its sizes still meets the row, column and cell limits and the worker's time and memory limits.
 */
function checkUnpackedSize(content: Buffer) {
  const eocd = content.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0 || eocd + 22 > content.length) return
  const entries = content.readUInt16LE(eocd + 10)
  let at = content.readUInt32LE(eocd + 16)
  let total = 0
  for (let i = 0; i < entries && at + 46 <= content.length; i++) {
    if (content.readUInt32LE(at) !== 0x02014b50) break
    total += content.readUInt32LE(at + 24)
    at += 46 + content.readUInt16LE(at + 28) + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32)
  }
  if (total > SPREADSHEET_LIMITS.unpackedBytes)
    throw new SpreadsheetTooLarge(
      `The file unpacks to ${Math.round(total / 1024 / 1024)} MB of spreadsheet data; an import takes at most ${SPREADSHEET_LIMITS.unpackedBytes / 1024 / 1024} MB. Split the file or save it as CSV.`,
    )
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v)
      return (v as ExcelJS.CellRichTextValue).richText
        .map((r) => r.text)
        .join('')
        .trim()
    if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? (v as { hyperlink: unknown }).hyperlink).trim()
    if ('result' in v) return cellText((v as { result?: unknown }).result)
    if ('error' in v) return ''
    if ('text' in v) return String((v as { text: unknown }).text).trim()
  }
  return String(v).trim()
}

/** A cell as text PostgreSQL can store: no NUL, no unpaired surrogate (made U+FFFD). */
const storable = (c: string | undefined) => storableText((c ?? '').toString()).trim()

function toSheet(name: string, raw: string[][]): Sheet {
  const rows = raw.map((r) => r.map(storable)).filter((r) => r.some((c) => c !== ''))
  const headers = (rows[0] ?? []).map((h, i) => h || `Column ${i + 1}`)
  let width = headers.length
  for (const r of rows) if (r.length > width) width = r.length
  while (headers.length < width) headers.push(`Column ${headers.length + 1}`)
  return { name: storable(name), headers, rows: rows.slice(1).map((r) => headers.map((_, i) => r[i] ?? '')) }
}
