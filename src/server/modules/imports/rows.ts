import type { Kysely } from 'kysely'
import { z } from 'zod'
import { isAcademicYear, MOBILITY_TYPES, type MobilityType } from '../../../shared/agreements.js'
import { fold, tidyCapitals } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import { matchableInstitutions } from '../registry/institutions/institutions.repository.js'
import { ErasmusCode, RorId, SchacId, Website } from '../registry/institutions/institutions.schema.js'
import { countryCode, type ImportField, institutionKind, subjectArea } from './fields.js'
import type { Sheet } from './parse.js'

// Reading and checking the rows of an import: what each row says, what is wrong with it, and
// which existing institution it updates.

export const IMPORT_MAX_ROWS = 5000
export type Mapping = Partial<Record<ImportField, number[]>>

export interface RowPlaces {
  isced: string
  clarification: string | null
  places: number
}
export interface ParsedRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number
  name: string
  values: {
    name: string
    country: string
    city: string | null
    kind: string
    website: string | null
    erasmusCode: string | null
    schacId: string | null
    rorId: string | null
    tags: string[]
    contactName: string | null
    contactEmail: string | null
    contactPhone: string | null
    places: RowPlaces[]
    mobilityType: MobilityType
    academicYearFrom: string | null
    academicYearTo: string | null
  }
  errors: { field: string; message: string }[]
  /** The existing institution this row updates, if any. */
  matchId: string | null
  action: 'create' | 'update' | 'error'
}

const Email = z.email()
const YEAR_RANGE = /^(\d{4})\s*[/-]\s*(\d{2,4})$/

function academicYear(raw: string): string | null {
  const m = YEAR_RANGE.exec(raw.trim())
  if (!m) return /^\d{4}$/.test(raw.trim()) ? `${raw.trim()}/${Number(raw.trim()) + 1}` : null
  const end = m[2]!.length === 2 ? `${m[1]!.slice(0, 2)}${m[2]}` : m[2]!
  const v = `${m[1]}/${end}`
  return isAcademicYear(v) ? v : null
}

/** Reads and checks every row; finds the institution each one updates. */
export async function parseRows(db: Kysely<DB>, sheet: Sheet, mapping: Mapping): Promise<ParsedRow[]> {
  const cell = (r: string[], f: ImportField) => {
    const c = mapping[f]?.[0]
    return c === undefined ? '' : (r[c] ?? '').trim()
  }
  const existing = await matchableInstitutions(db)
  const byId = new Map<string, string>()
  for (const e of existing) {
    if (e.erasmus_code) byId.set(`e:${e.erasmus_code}`, e.id)
    if (e.schac_id) byId.set(`s:${e.schac_id}`, e.id)
    if (e.ror_id) byId.set(`r:${e.ror_id}`, e.id)
    byId.set(`n:${e.country}:${e.name_key}`, e.id)
  }
  const seen = new Map<string, number>()
  return sheet.rows.slice(0, IMPORT_MAX_ROWS).map((r, i) => {
    const errors: ParsedRow['errors'] = []
    const bad = (field: string, message: string) => errors.push({ field, message })
    const name = tidyCapitals(cell(r, 'name'))
    if (name.length < 2) bad('name', 'is missing')
    const countryRaw = cell(r, 'country')
    const country = countryCode(countryRaw)
    if (!countryRaw) bad('country', 'is missing')
    else if (!country) bad('country', `"${countryRaw}" is not a country we know; use its ISO code such as PT`)
    const optional = <T>(field: ImportField, schema: z.ZodType<T>, message: string): T | null => {
      const raw = cell(r, field)
      if (!raw) return null
      const parsed = schema.safeParse(raw)
      if (!parsed.success) {
        bad(field, `"${raw}" ${message}`)
        return null
      }
      return parsed.data
    }
    const erasmusCode = optional('erasmusCode', ErasmusCode, 'is not an Erasmus code such as "P  BRAGA01"')
    const schacId = optional('schacId', SchacId, 'is not a SCHAC code such as uminho.pt')
    const rorId = optional('rorId', RorId, 'is not a ROR id such as 037wpkx04')
    const websiteRaw = cell(r, 'website')
    let website: string | null = null
    if (websiteRaw) {
      // Offices often write "www.uminho.pt"; the scheme is assumed.
      const parsed = Website.safeParse(/^https?:\/\//i.test(websiteRaw) ? websiteRaw : `https://${websiteRaw}`)
      if (parsed.success) website = parsed.data
      else bad('website', `"${websiteRaw}" is not a web address`)
    }
    const kindRaw = cell(r, 'kind')
    const kind = kindRaw ? institutionKind(kindRaw) : 'university'
    if (!kind)
      bad(
        'kind',
        `"${kindRaw}" is not a kind of institution (university, hospital, research institute, NGO, international organisation)`,
      )
    const contactEmail = optional('contactEmail', Email, 'is not an e-mail address')
    const mobilityRaw = cell(r, 'mobilityType')
    const mobilityType =
      (mobilityRaw ? MOBILITY_TYPES.find((m) => fold(m.replace('_', ' ')) === fold(mobilityRaw)) : 'student_studies') ?? null
    if (!mobilityType) bad('mobilityType', `"${mobilityRaw}" is not one of ${MOBILITY_TYPES.join(', ')}`)
    const yearFromRaw = cell(r, 'academicYearFrom')
    const yearToRaw = cell(r, 'academicYearTo')
    const academicYearFrom = yearFromRaw ? academicYear(yearFromRaw) : null
    const academicYearTo = yearToRaw ? academicYear(yearToRaw) : null
    if (yearFromRaw && !academicYearFrom) bad('academicYearFrom', `"${yearFromRaw}" is not an academic year such as 2026/2027`)
    if (yearToRaw && !academicYearTo) bad('academicYearTo', `"${yearToRaw}" is not an academic year such as 2026/2027`)

    const places: RowPlaces[] = []
    const rowSubject = cell(r, 'subjectArea')
    for (const c of mapping.places ?? []) {
      const raw = (r[c] ?? '').trim()
      if (!raw) continue
      // "Medicine: 2; Dentistry: 1" in one cell, or a number under a header naming the programme.
      const parts = raw
        .split(/[;\n]/)
        .map((p) => p.trim())
        .filter(Boolean)
      for (const part of parts) {
        const m = /^(.*?)[\s:=–-]*(\d+)$/.exec(part)
        if (!m) {
          bad('places', `"${part}" is not a number of places`)
          continue
        }
        const label = m[1]!.trim() || rowSubject || sheet.headers[c]!
        const area = subjectArea(label) ?? subjectArea(sheet.headers[c]!) ?? (rowSubject ? subjectArea(rowSubject) : null)
        if (!area) {
          bad('places', `cannot tell the subject area of "${label}"; give an ISCED-F code such as 0912`)
          continue
        }
        places.push({ ...area, places: Number(m[2]) })
      }
    }
    if (rowSubject && !(mapping.places ?? []).length) bad('places', 'a subject area is given without a places column')

    let matchId: string | null = null
    for (const key of [erasmusCode && `e:${erasmusCode}`, schacId && `s:${schacId}`, rorId && `r:${rorId}`]) {
      if (key && byId.has(key)) {
        matchId = byId.get(key)!
        break
      }
    }
    if (!matchId && country && name) matchId = byId.get(`n:${country}:${fold(name)}`) ?? null
    const identity = erasmusCode ?? schacId ?? rorId ?? `${country}:${fold(name)}`
    if (!errors.length && seen.has(identity)) bad('name', `is the same institution as row ${seen.get(identity)}`)
    seen.set(identity, i + 2)
    const tags = cell(r, 'tags')
      .split(/[;,]/)
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean)
    return {
      row: i + 2,
      name,
      values: {
        name,
        country: country ?? '',
        city: cell(r, 'city') ? tidyCapitals(cell(r, 'city')) : null,
        kind: kind ?? 'university',
        website,
        erasmusCode,
        schacId,
        rorId,
        tags,
        contactName: cell(r, 'contactName') || null,
        contactEmail: contactEmail?.toLowerCase() ?? null,
        contactPhone: cell(r, 'contactPhone') || null,
        places,
        mobilityType: mobilityType ?? 'student_studies',
        academicYearFrom,
        academicYearTo,
      },
      errors,
      matchId,
      action: errors.length ? 'error' : matchId ? 'update' : 'create',
    }
  })
}
