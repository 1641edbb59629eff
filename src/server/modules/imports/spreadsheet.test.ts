import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { generateWideBomb } from '../../../../bench/import-xlsx.js'
import { readSpreadsheet } from './parse.js'
import { columnLetters, parseSpreadsheet, SPREADSHEET_LIMITS } from './spreadsheet.js'

describe('spreadsheet reader', () => {
  it('names columns as a spreadsheet does', () => {
    expect([1, 26, 27, 200, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'GR', 'XFD'])
  })

  it('reads dates, formulas, links and rich text of an XLSX file as text', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Partners')
    ws.addRow(['Name', 'Since', 'Places', 'Site'])
    ws.addRow([
      { richText: [{ text: 'Karolinska ' }, { text: 'Institutet' }] },
      new Date(Date.UTC(2024, 8, 1)),
      { formula: '1+1', result: 2 },
      { text: 'ki.se', hyperlink: 'https://ki.se' },
    ])
    const [sheet] = await parseSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(sheet).toEqual({
      name: 'Partners',
      headers: ['Name', 'Since', 'Places', 'Site'],
      rows: [['Karolinska Institutet', '2024-09-01', '2', 'ki.se']],
    })
  })

  it('refuses a row past the limit, a value past the last column and a file past the cells, naming each limit', async () => {
    const rows = `Name\n${'x\n'.repeat(SPREADSHEET_LIMITS.rows + 1)}`
    await expect(parseSpreadsheet(Buffer.from(rows))).rejects.toThrow(/more than 100,000 rows; an import takes at most 100,000/)
    const wide = `Name${','.repeat(SPREADSHEET_LIMITS.columns)}far\n`
    await expect(parseSpreadsheet(Buffer.from(wide))).rejects.toThrow(/column GS of row 1; an import reads at most 200 columns/)
    const line = `${Array.from({ length: 100 }, () => 'v').join(',')}\n`
    const cells = line.repeat(SPREADSHEET_LIMITS.cells / 100 + 1)
    await expect(parseSpreadsheet(Buffer.from(cells))).rejects.toThrow(/more than 2,000,000 filled cells/)
    // Empty columns to the right of the data cost nothing and are not refused.
    const [sheet] = await parseSpreadsheet(Buffer.from(`Name${','.repeat(500)}\nMinho${','.repeat(500)}\n`))
    expect(sheet!.headers).toEqual(['Name'])
  })

  // How fast it is refused is the bench's (import_xlsx_bomb_refused_ms); here, that it is, and elsewhere.
  it('refuses the 13 KB file with a value in column XFD on 500 rows, in a worker, while this thread runs', async () => {
    const bomb = await generateWideBomb()
    expect(bomb.length).toBeLessThan(20_000)
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const started = performance.now()
    const refusal = await readSpreadsheet(bomb).catch((e: Error & { status?: number }) => e)
    const took = performance.now() - started
    clearInterval(timer)
    expect(refusal).toMatchObject({ status: 413 })
    expect((refusal as Error).message).toMatch(/column XFD of row 1; an import reads at most 200 columns/)
    // This thread was free to run its timer while the file was read elsewhere.
    expect(ticks).toBeGreaterThan(took / 10 / 3)
  })

  it('says a file that is neither CSV nor XLSX cannot be read', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)])
    await expect(readSpreadsheet(broken)).rejects.toMatchObject({ status: 400, message: /is not a CSV or XLSX file/ })
  })
})
