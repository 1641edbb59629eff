import { monitorEventLoopDelay } from 'node:perf_hooks'
import { PassThrough } from 'node:stream'
import Excel from 'exceljs'
import { readSpreadsheet } from '../src/server/modules/imports/parse.js'

/** An XLSX file of `rows` rows under a header row, `columns` wide: numbers and repeated texts, as a partner list. */
export async function generateXlsx(rows: number, columns: number): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true })
  const sheet = workbook.addWorksheet('Partners')
  sheet.addRow(Array.from({ length: columns }, (_, c) => `Column ${c + 1}`)).commit()
  for (let r = 0; r < rows; r++)
    sheet.addRow(Array.from({ length: columns }, (_, c) => (c % 3 === 0 ? r * (c + 1) : `Text ${r % 700} ${c}`))).commit()
  sheet.commit()
  await workbook.commit()
  return Buffer.concat(chunks)
}

/** 500 rows with a value in the last column a spreadsheet has (XFD): the 13 KB file that once froze the server. */
export async function generateWideBomb(): Promise<Buffer> {
  const workbook = new Excel.Workbook()
  const sheet = workbook.addWorksheet('Bomb')
  for (let r = 1; r <= 500; r++) {
    sheet.getCell(r, 1).value = `row ${r}`
    sheet.getCell(r, 16384).value = 'x'
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/**
 * import_xlsx_50k_ms: 50,000 rows × 20 columns read through the import's reader (a worker thread),
 * median of 3; import_xlsx_50k_loop_delay_ms: the server thread's longest event-loop delay meanwhile;
 * import_xlsx_bomb_refused_ms: the wide bomb's refusal (median of 3).
 */
export async function importXlsxBench(figures: Record<string, unknown>) {
  const file = await generateXlsx(50_000, 20)
  const times: number[] = []
  const delays: number[] = []
  for (let i = 0; i < 3; i++) {
    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const t = performance.now()
    const sheets = await readSpreadsheet(file)
    times.push(performance.now() - t)
    loop.disable()
    delays.push(loop.max / 1e6)
    if (sheets[0]?.rows.length !== 50_000) throw new Error('the 50k file read short')
  }
  const bomb = await generateWideBomb()
  const refusals: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const refused = await readSpreadsheet(bomb).then(
      () => false,
      () => true,
    )
    refusals.push(performance.now() - t)
    if (!refused) throw new Error('the bomb was read')
  }
  figures.import_xlsx_50k_ms = Math.round(median(times))
  figures.import_xlsx_50k_rounds_ms = times.map(Math.round)
  figures.import_xlsx_50k_file_kb = Math.round(file.length / 1024)
  figures.import_xlsx_50k_loop_delay_ms = Math.round(median(delays))
  figures.import_xlsx_bomb_refused_ms = Math.round(median(refusals))
}
