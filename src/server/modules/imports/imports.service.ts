import type { Kysely } from 'kysely'
import { z } from 'zod'
import { isAcademicYear, MOBILITY_TYPES, type MobilityType } from '../../../shared/agreements.js'
import { fold, tidyCapitals } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Ctx } from '../../http/context.js'
import { AppError, AppErrorCode } from '../../http/errors.js'
import type { AgreementDetail, ConditionInput } from '../agreements/agreements.schema.js'
import { agreementDetail, createAgreementIn, replaceConditionsIn } from '../agreements/agreements.service.js'
import { recordAudit } from '../audit/audit.record.js'
import { indexColumns } from '../institutions/institutions.repository.js'
import { ErasmusCode, RorId, SchacId, Website } from '../institutions/institutions.schema.js'
import {
  countryCode,
  IMPORT_FIELDS,
  type ImportField,
  institutionKind,
  MULTI_FIELDS,
  REQUIRED_FIELDS,
  subjectArea,
  suggestMapping,
} from './fields.js'
import { readSpreadsheet, type Sheet } from './parse.js'

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
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

const headerKey = (headers: string[]) => headers.map((h) => fold(h)).join('|')

async function loadUpload(db: Kysely<DB>, ctx: Ctx, id: string) {
  const upload = await db
    .selectFrom('import_uploads')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', ctx.actor!.id)
    .executeTakeFirst()
  if (!upload) throw AppError.notFound('The upload')
  return upload
}

async function sheetOf(content: Buffer, sheetName: string | undefined) {
  const sheets = await readSpreadsheet(content)
  const sheet = sheetName ? sheets.find((s) => s.name === sheetName) : sheets[0]
  if (!sheet)
    throw AppError.validation('body.sheet', `is not a sheet of this file (it has ${sheets.map((s) => s.name).join(', ')})`)
  return sheet
}

/** Stores the file for the mapping step and describes its sheets, with the mapping remembered or suggested. */
export async function startImport(deps: Deps, ctx: Ctx, fileName: string, content: Buffer) {
  if (content.length === 0) throw AppError.validation('body', 'is empty')
  if (content.length > IMPORT_MAX_BYTES) throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, 'Import files may be at most 10 MB.')
  let sheets: Sheet[]
  try {
    sheets = await readSpreadsheet(content)
  } catch {
    throw AppError.validation('body', 'is not a CSV or XLSX file that can be read')
  }
  if (sheets.every((s) => s.rows.length === 0)) throw AppError.validation('body', 'has no rows under its header row')
  const upload = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('import_uploads')
      .values({ user_id: ctx.actor!.id, kind: 'institutions', file_name: fileName, content })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, {
      entityType: 'import',
      entityId: row.id,
      action: 'upload',
      after: { fileName, size: content.length, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })) },
    })
    return row
  })
  const described = []
  for (const s of sheets) {
    const remembered = await deps.db
      .selectFrom('import_mappings')
      .select('mapping')
      .where('kind', '=', 'institutions')
      .where('header_key', '=', headerKey(s.headers))
      .executeTakeFirst()
    described.push({
      name: s.name,
      headers: s.headers,
      rowCount: s.rows.length,
      sample: s.rows.slice(0, 5),
      mapping: (remembered?.mapping as Mapping | undefined) ?? suggestMapping(s.headers),
      remembered: !!remembered,
    })
  }
  return { id: upload.id, fileName, fields: [...IMPORT_FIELDS], required: [...REQUIRED_FIELDS], sheets: described }
}

function checkMapping(mapping: Mapping, sheet: Sheet) {
  for (const field of REQUIRED_FIELDS) {
    if (!mapping[field]?.length) throw AppError.validation(`body.mapping.${field}`, 'must be mapped to a column')
  }
  const used = new Map<number, string>()
  for (const [field, cols] of Object.entries(mapping) as [ImportField, number[]][]) {
    if (cols.length > 1 && !MULTI_FIELDS.includes(field)) throw AppError.validation(`body.mapping.${field}`, 'takes one column')
    for (const c of cols) {
      if (c >= sheet.headers.length) throw AppError.validation(`body.mapping.${field}`, `column ${c + 1} does not exist`)
      if (used.has(c))
        throw AppError.validation(`body.mapping.${field}`, `column "${sheet.headers[c]}" is already mapped to ${used.get(c)}`)
      used.set(c, field)
    }
  }
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
  const existing = await db
    .selectFrom('institutions')
    .select(['id', 'name_key', 'country', 'erasmus_code', 'schac_id', 'ror_id'])
    .where('merged_into', 'is', null)
    .execute()
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

export async function previewImport(deps: Deps, ctx: Ctx, id: string, sheetName: string | undefined, mapping: Mapping) {
  const upload = await loadUpload(deps.db, ctx, id)
  const sheet = await sheetOf(upload.content, sheetName)
  checkMapping(mapping, sheet)
  const rows = await parseRows(deps.db, sheet, mapping)
  return summarise(rows, sheet)
}

function summarise(rows: ParsedRow[], sheet: Sheet) {
  return {
    total: rows.length,
    truncated: sheet.rows.length > IMPORT_MAX_ROWS,
    creates: rows.filter((r) => r.action === 'create').length,
    updates: rows.filter((r) => r.action === 'update').length,
    errors: rows.filter((r) => r.action === 'error').length,
    rows: rows.map((r) => ({
      row: r.row,
      name: r.name,
      country: r.values.country,
      action: r.action,
      places: r.values.places.reduce((s, p) => s + p.places, 0),
      errors: r.errors,
    })),
  }
}

/**
 * Commits every row or none: institutions are created or updated (matched by identifier, then by
 * name in the country), contacts added when new, and places become conditions of a draft bilateral
 * agreement with the partner, replaced on a re-import rather than added twice.
 */
export async function commitImport(deps: Deps, ctx: Ctx, id: string, sheetName: string | undefined, mapping: Mapping) {
  const upload = await loadUpload(deps.db, ctx, id)
  if (upload.committed_at)
    throw new AppError(AppErrorCode.CONFLICT, 'This upload was already imported; upload the file again to re-import it.')
  const sheet = await sheetOf(upload.content, sheetName)
  checkMapping(mapping, sheet)
  return deps.db.transaction().execute(async (trx) => {
    const rows = await parseRows(trx, sheet, mapping)
    const failed = rows.filter((r) => r.action === 'error')
    if (failed.length) {
      throw new AppError(
        AppErrorCode.VALIDATION,
        `${failed.length} rows have errors; nothing was imported. Fix them and try again.`,
        {
          errors: failed
            .slice(0, 100)
            .flatMap((r) => r.errors.map((e) => ({ path: `row ${r.row}.${e.field}`, message: e.message }))),
        },
      )
    }
    const home = await trx.selectFrom('institutions').select('id').where('is_home', '=', true).executeTakeFirstOrThrow()
    for (const r of rows) {
      const institutionId = r.matchId ? await updateFromRow(trx, ctx, r.matchId, r) : await createFromRow(trx, ctx, r)
      if (r.values.places.length) await applyPlaces(trx, ctx, home.id, institutionId, r)
    }
    await trx.updateTable('import_uploads').set({ committed_at: new Date() }).where('id', '=', id).execute()
    await trx
      .insertInto('import_mappings')
      .values({ kind: 'institutions', header_key: headerKey(sheet.headers), mapping: JSON.stringify(mapping) })
      .onConflict((oc) =>
        oc.columns(['kind', 'header_key']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_at: new Date() }),
      )
      .execute()
    await recordAudit(trx, ctx, {
      entityType: 'import',
      entityId: id,
      action: 'commit',
      after: { fileName: upload.file_name, sheet: sheet.name, rows: rows.length, mapping },
    })
    return summarise(rows, sheet)
  })
}

async function createFromRow(trx: Kysely<DB>, ctx: Ctx, r: ParsedRow) {
  const v = r.values
  const row = await trx
    .insertInto('institutions')
    .values({
      name: v.name,
      kind: v.kind as 'university',
      country: v.country,
      city: v.city,
      website: v.website,
      erasmus_code: v.erasmusCode,
      schac_id: v.schacId,
      ror_id: v.rorId,
      tags: v.tags,
      ...indexColumns({
        name: v.name,
        city: v.city,
        erasmus_code: v.erasmusCode,
        schac_id: v.schacId,
        ror_id: v.rorId,
        tags: v.tags,
      }),
    })
    .returning(['id', 'name', 'country'])
    .executeTakeFirstOrThrow()
  if (v.contactName || v.contactEmail) {
    await trx
      .insertInto('institution_contacts')
      .values({
        institution_id: row.id,
        name: v.contactName ?? v.contactEmail!,
        email: v.contactEmail,
        phone: v.contactPhone,
        role: null,
      })
      .execute()
  }
  await recordAudit(trx, ctx, {
    entityType: 'institution',
    entityId: row.id,
    action: 'import_create',
    after: { ...v, row: r.row },
  })
  return row.id
}

/** Fills what the row adds without erasing what the office already keeps. */
async function updateFromRow(trx: Kysely<DB>, ctx: Ctx, id: string, r: ParsedRow) {
  const before = await trx.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const v = r.values
  const after = {
    city: before.city ?? v.city,
    website: before.website ?? v.website,
    erasmus_code: before.erasmus_code ?? v.erasmusCode,
    schac_id: before.schac_id ?? v.schacId,
    ror_id: before.ror_id ?? v.rorId,
    tags: [...new Set([...before.tags, ...v.tags])],
  }
  await trx
    .updateTable('institutions')
    .set({ ...after, ...indexColumns({ ...before, ...after }), updated_at: new Date() })
    .where('id', '=', id)
    .execute()
  if (v.contactEmail || v.contactName) {
    const known = await trx
      .selectFrom('institution_contacts')
      .select('id')
      .where('institution_id', '=', id)
      .where((eb) => (v.contactEmail ? eb('email', '=', v.contactEmail) : eb('name', '=', v.contactName!)))
      .executeTakeFirst()
    if (!known) {
      await trx
        .insertInto('institution_contacts')
        .values({
          institution_id: id,
          name: v.contactName ?? v.contactEmail!,
          email: v.contactEmail,
          phone: v.contactPhone,
          role: null,
          position: 99,
        })
        .execute()
    }
  }
  await recordAudit(trx, ctx, {
    entityType: 'institution',
    entityId: id,
    action: 'import_update',
    before: {
      city: before.city,
      website: before.website,
      erasmus_code: before.erasmus_code,
      schac_id: before.schac_id,
      ror_id: before.ror_id,
      tags: before.tags,
    },
    after: { ...after, row: r.row },
  })
  return id
}

function currentAcademicYear(): string {
  const now = new Date()
  const y = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1
  return `${y + 1}/${y + 2}`
}

async function applyPlaces(trx: Kysely<DB>, ctx: Ctx, homeId: string, partnerId: string, r: ParsedRow) {
  const v = r.values
  const from = v.academicYearFrom ?? currentAcademicYear()
  const to = v.academicYearTo ?? `${Number(from.slice(0, 4)) + 4}/${Number(from.slice(0, 4)) + 5}`
  const draft = await trx
    .selectFrom('agreements as a')
    .innerJoin('agreement_parties as p', 'p.agreement_id', 'a.id')
    .select('a.id')
    .where('p.institution_id', '=', partnerId)
    .where('a.kind', '=', 'bilateral_exchange')
    .where('a.status', 'in', ['draft', 'negotiation'])
    .orderBy('a.created_at', 'desc')
    .executeTakeFirst()
  const incoming: ConditionInput[] = v.places.map((p) => ({
    mobilityType: v.mobilityType,
    sendingInstitutionId: homeId,
    sendingUnitId: null,
    receivingInstitutionId: partnerId,
    receivingUnitId: null,
    academicYearFrom: from,
    academicYearTo: to,
    mobilitiesPerYear: p.places,
    totalMonthsPerYear: null,
    totalDaysPerYear: null,
    subjectAreas: [{ isced: p.isced, clarification: p.clarification }],
    eqfLevels: [],
    languageSkills: [],
    blended: false,
    otherTerms: null,
  }))
  if (!draft) {
    await createAgreementIn(trx, ctx, {
      title: `Exchange with ${v.name}`,
      kind: 'bilateral_exchange',
      startDate: null,
      endDate: null,
      responsibleId: ctx.actor?.id ?? null,
      notes: `Places imported from a spreadsheet (row ${r.row}).`,
      parties: [
        { institutionId: homeId, orgUnitId: null },
        { institutionId: partnerId, orgUnitId: null },
      ],
      conditions: incoming,
    })
    return
  }
  const detail: AgreementDetail = await agreementDetail(trx, ctx.actor!, draft.id)
  const key = (c: { mobilityType: string; sendingInstitutionId: string; subjectAreas: { isced: string }[] }) =>
    `${c.mobilityType}|${c.sendingInstitutionId}|${c.subjectAreas.map((s) => s.isced).join(',')}`
  const replaced = new Set(incoming.map(key))
  const kept = detail.conditions.filter((c) => !replaced.has(key(c))).map(({ id: _id, ...c }) => c as ConditionInput)
  await replaceConditionsIn(trx, ctx, draft.id, [...kept, ...incoming], 'import_places')
}
