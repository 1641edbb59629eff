import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

// What every generated PDF shares: the fonts (shipped as npm packages, so Cyrillic and Korean
// render on any machine), text written run by run in the font that can draw it, and the
// document as a Buffer once it ends.

const require = createRequire(import.meta.url)
// Noto Sans covers Latin and Cyrillic; Noto Sans KR covers Hangul (and CJK). Both ship as npm packages.
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  krRegular: require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
  krBold: require.resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'),
}

const CJK = /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+/gu

/** Splits text into runs that one font can draw: Hangul and CJK in Noto Sans KR, the rest in Noto Sans. */
export function scriptRuns(text: string): { text: string; cjk: boolean }[] {
  const runs: { text: string; cjk: boolean }[] = []
  let last = 0
  for (const m of text.matchAll(CJK)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index), cjk: false })
    runs.push({ text: m[0], cjk: true })
    last = m.index + m[0].length
  }
  if (last < text.length || runs.length === 0) runs.push({ text: text.slice(last), cjk: false })
  return runs
}

export type Doc = PDFKit.PDFDocument

export function write(doc: Doc, text: string, o: { bold?: boolean; size?: number; color?: string; indent?: number } = {}) {
  doc.fontSize(o.size ?? 10).fillColor(o.color ?? '#1a1b1e')
  const runs = scriptRuns(text)
  runs.forEach((run, i) => {
    doc.font(run.cjk ? (o.bold ? 'kr-bold' : 'kr') : o.bold ? 'bold' : 'regular')
    doc.text(run.text, { continued: i < runs.length - 1, indent: i === 0 ? (o.indent ?? 0) : 0 })
  })
}

export function field(doc: Doc, label: string, value: string) {
  write(doc, label, { size: 8, color: '#6b6f76' })
  write(doc, value || '—', { size: 10 })
  doc.moveDown(0.4)
}

/** An A4 document with Meridian's fonts registered, and the Buffer it becomes once ended. */
export function newDocument(title: string) {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'Meridian' } })
  doc.registerFont('regular', FONT_FILES.regular)
  doc.registerFont('bold', FONT_FILES.bold)
  doc.registerFont('kr', FONT_FILES.krRegular)
  doc.registerFont('kr-bold', FONT_FILES.krBold)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, done }
}
