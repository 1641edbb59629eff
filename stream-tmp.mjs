import Excel from 'exceljs'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
const buf = readFileSync(process.argv[2])
const t = performance.now()
const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' })
let n = 0, cells = 0
for await (const ws of reader) {
  console.log('sheet', ws.name, ws.id)
  for await (const row of ws) { n++; cells += row.values.length }
}
console.log(n, cells, performance.now() - t)
