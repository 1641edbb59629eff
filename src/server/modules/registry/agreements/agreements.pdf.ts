import type { Kysely } from 'kysely'
import { ISCED_FIELDS } from '../../../../shared/agreements.js'
import type { Language } from '../../../../shared/limits.js'
import type { DB } from '../../../db/schema.js'
import { field, newDocument, write } from '../../../pdf/document.js'
import { homeName } from './agreements.repository.js'
import type { AgreementDetail } from './agreements.schema.js'
import { PDF_LABELS } from './pdf-labels.js'

/** The agreement summary as a PDF, in the reader's language. */
export async function agreementPdf(db: Kysely<DB>, a: AgreementDetail, lang: Language): Promise<Buffer> {
  const L = PDF_LABELS[lang]
  const home = await homeName(db)
  const countries = new Intl.DisplayNames([lang], { type: 'region' })
  const languages = new Intl.DisplayNames([lang], { type: 'language' })
  const date = (d: string | null) =>
    d ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)) : '—'
  const nameOf = (id: string) => a.parties.find((p) => p.institutionId === id)?.name ?? id
  const unitOf = (id: string | null) => (id ? a.parties.find((p) => p.orgUnitId === id)?.orgUnitName : null)

  const { doc, done } = newDocument(`${a.reference} — ${a.title}`)

  write(doc, home ?? 'Meridian', { size: 9, color: '#6b6f76' })
  write(doc, L.title, { size: 9, color: '#6b6f76' })
  doc.moveDown(0.5)
  write(doc, a.title, { bold: true, size: 18 })
  write(doc, `${a.reference} · ${L.kinds[a.kind]} · ${L.statuses[a.status]}`, { size: 10, color: '#444' })
  doc.moveDown(1)

  write(doc, L.parties, { bold: true, size: 12 })
  doc.moveDown(0.3)
  for (const p of a.parties) {
    write(doc, `• ${p.name}${p.orgUnitName ? ` — ${p.orgUnitName}` : ''} (${countries.of(p.country) ?? p.country})`, {
      indent: 8,
    })
  }
  doc.moveDown(0.8)
  field(doc, L.period, `${date(a.startDate)} – ${date(a.endDate)}`)
  if (a.responsible) field(doc, L.responsible, a.responsible.name)
  if (a.terminationReason) field(doc, L.terminationReason, a.terminationReason)

  if (a.signatories.length) {
    write(doc, L.signatories, { bold: true, size: 12 })
    doc.moveDown(0.3)
    for (const s of a.signatories) {
      write(doc, `• ${s.name}${s.position ? `, ${s.position}` : ''} — ${nameOf(s.institutionId)} — ${date(s.signedOn)}`, {
        indent: 8,
      })
    }
    doc.moveDown(0.8)
  }

  write(doc, L.conditions, { bold: true, size: 12 })
  doc.moveDown(0.3)
  if (a.conditions.length === 0) write(doc, L.none, { color: '#6b6f76' })
  a.conditions.forEach((c, i) => {
    if (doc.y > 700) doc.addPage()
    write(doc, `${i + 1}. ${L.mobilityTypes[c.mobilityType]}`, { bold: true, size: 11 })
    const sending = [nameOf(c.sendingInstitutionId), unitOf(c.sendingUnitId)].filter(Boolean).join(' — ')
    const receiving = [nameOf(c.receivingInstitutionId), unitOf(c.receivingUnitId)].filter(Boolean).join(' — ')
    field(doc, L.sending, sending)
    field(doc, L.receiving, receiving)
    field(doc, L.years, `${c.academicYearFrom} – ${c.academicYearTo}`)
    const amount = [
      c.mobilitiesPerYear !== null ? `${c.mobilitiesPerYear} ${L.mobilitiesPerYear}` : null,
      c.totalMonthsPerYear !== null ? `${c.totalMonthsPerYear} ${L.monthsPerYear}` : null,
      c.totalDaysPerYear !== null ? `${c.totalDaysPerYear} ${L.daysPerYear}` : null,
    ].filter(Boolean)
    field(doc, L.volume, amount.join(', '))
    if (c.subjectAreas.length) {
      field(
        doc,
        L.subjectAreas,
        c.subjectAreas.map((s) => `${s.isced} ${s.clarification ?? ISCED_FIELDS[s.isced] ?? ''}`.trim()).join('; '),
      )
    }
    if (c.eqfLevels.length) field(doc, L.eqf, c.eqfLevels.join(', '))
    if (c.languageSkills.length) {
      field(doc, L.languages, c.languageSkills.map((s) => `${languages.of(s.language) ?? s.language} ${s.cefr}`).join('; '))
    }
    if (c.blended) field(doc, L.blended, L.yes)
    if (c.otherTerms) field(doc, L.otherTerms, c.otherTerms)
    doc.moveDown(0.5)
  })

  doc.moveDown(1)
  write(
    doc,
    `${L.generated} ${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date())} UTC`,
    {
      size: 8,
      color: '#6b6f76',
    },
  )
  doc.end()
  return done
}
