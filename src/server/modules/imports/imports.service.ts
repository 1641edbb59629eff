import type { Kysely } from 'kysely'
import { academicYearOf, shiftAcademicYear } from '../../../shared/agreements.js'
/** What can be imported, each with the fields its mapping step offers. */
import type { ImportKind } from '../../../shared/api/imports.js'
import { fold } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Ctx } from '../../http/context.js'
import { AppError, AppErrorCode } from '../../http/errors.js'
import { cleanFileName } from '../../http/files.js'
import { recordAudit } from '../../kernel/audit.js'
import { todayUtc } from '../../kernel/dates.js'
import { draftExchangeWith } from '../registry/agreements/agreements.repository.js'
import type { AgreementDetail, ConditionInput } from '../registry/agreements/agreements.schema.js'
import { agreementDetail, createAgreementIn, replaceConditionsIn } from '../registry/agreements/agreements.service.js'
import {
  addContactIfNew,
  homeInstitutionId,
  indexColumns,
  insertInstitution,
  institutionRow,
  updateInstitutionRow,
} from '../registry/institutions/institutions.repository.js'
import { type FieldSet, INSTITUTION_FIELDS, suggestMapping } from './fields.js'
import { importCall, insertUpload, markCommitted, rememberedMapping, rememberMapping, uploadOf } from './imports.repository.js'
import { commitOpportunityRows, OPPORTUNITY_FIELD_SET, parseOpportunityRows } from './opportunity-rows.js'
import { readSpreadsheet, type Sheet } from './parse.js'
import { IMPORT_MAX_ROWS, type Mapping, type ParsedRow, parseRows } from './rows.js'

export { IMPORT_KINDS, type ImportKind } from '../../../shared/api/imports.js'

const FIELD_SETS: Record<ImportKind, FieldSet> = { institutions: INSTITUTION_FIELDS, opportunities: OPPORTUNITY_FIELD_SET }
type AnyMapping = Partial<Record<string, number[]>>

/** A row of the preview, whatever is imported: who it is about, what it does, and what is wrong. */
interface RowSummary {
  row: number
  name: string
  country: string
  action: 'create' | 'update' | 'error'
  places: number
  errors: { field: string; message: string }[]
}

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
const headerKey = (headers: string[]) => headers.map((h) => fold(h)).join('|')

async function loadUpload(db: Kysely<DB>, ctx: Ctx, id: string) {
  const upload = await uploadOf(db, id, ctx.actor!.id)
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
export async function startImport(deps: Deps, ctx: Ctx, kind: ImportKind, name: string, content: Buffer) {
  if (content.length === 0) throw AppError.validation('body', 'is empty')
  const fileName = cleanFileName(name, content.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv', kind)
  if (content.length > IMPORT_MAX_BYTES) throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, 'Import files may be at most 10 MB.')
  const sheets = await readSpreadsheet(content)
  if (sheets.every((s) => s.rows.length === 0)) throw AppError.validation('body', 'has no rows under its header row')
  const upload = await deps.db.transaction().execute(async (trx) => {
    const row = { id: await insertUpload(trx, { user_id: ctx.actor!.id, kind, file_name: fileName, content }) }
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
    const remembered = await rememberedMapping(deps.db, kind, headerKey(s.headers))
    described.push({
      name: s.name,
      headers: s.headers,
      rowCount: s.rows.length,
      sample: s.rows.slice(0, 5),
      mapping: ((remembered as AnyMapping | undefined) ?? suggestMapping(s.headers, FIELD_SETS[kind])) as Record<
        string,
        number[]
      >,
      remembered: remembered !== undefined,
    })
  }
  const set = FIELD_SETS[kind]
  return { id: upload.id, kind, fileName, fields: [...set.fields], required: [...set.required], sheets: described }
}

function checkMapping(set: FieldSet, mapping: AnyMapping, sheet: Sheet) {
  for (const field of set.required) {
    if (!mapping[field]?.length) throw AppError.validation(`body.mapping.${field}`, 'must be mapped to a column')
  }
  const used = new Map<number, string>()
  for (const [field, cols = []] of Object.entries(mapping)) {
    if (!set.fields.includes(field)) throw AppError.validation(`body.mapping.${field}`, 'is not a field of this import')
    if (cols.length > 1 && !set.multi.includes(field)) throw AppError.validation(`body.mapping.${field}`, 'takes one column')
    for (const c of cols) {
      if (c >= sheet.headers.length) throw AppError.validation(`body.mapping.${field}`, `column ${c + 1} does not exist`)
      if (used.has(c))
        throw AppError.validation(`body.mapping.${field}`, `column "${sheet.headers[c]}" is already mapped to ${used.get(c)}`)
      used.set(c, field)
    }
  }
}

/** The call an import of opportunities adds offers to: one that can still change. */
async function targetCall(db: Kysely<DB>, callId: string | undefined, now: Date) {
  if (!callId) return null
  const call = await importCall(db, callId)
  if (!call) throw AppError.validation('body.callId', 'is not a call')
  if (call.status === 'cancelled' || call.closes_at <= now) throw AppError.validation('body.callId', 'is closed or cancelled')
  return call
}

/** Reads and checks every row with the mapping; the rows as the kind's commit needs them, and their summary. */
async function readRows(db: Kysely<DB>, kind: string, sheet: Sheet, mapping: AnyMapping, callId: string | undefined, now: Date) {
  if (kind === 'opportunities') {
    const call = await targetCall(db, callId, now)
    const rows = await parseOpportunityRows(db, sheet, mapping, call?.audience ?? null)
    const summary: RowSummary[] = rows.map((r) => ({
      row: r.row,
      name: r.name,
      country: r.country,
      action: r.action,
      places: r.items.reduce((n, it) => n + (it.places ?? 0), 0),
      errors: r.errors,
    }))
    return { summary, commit: (trx: Kysely<DB>, ctx: Ctx) => commitOpportunityRows(trx, ctx, rows, call?.id ?? null) }
  }
  if (callId) throw AppError.validation('body.callId', 'is only for an import of opportunities')
  const rows = await parseRows(db, sheet, mapping as Mapping)
  const summary: RowSummary[] = rows.map((r) => ({
    row: r.row,
    name: r.name,
    country: r.values.country,
    action: r.action,
    places: r.values.places.reduce((n, p) => n + p.places, 0),
    errors: r.errors,
  }))
  return { summary, commit: (trx: Kysely<DB>, ctx: Ctx) => commitInstitutionRows(trx, ctx, rows, todayUtc(now)) }
}

export async function previewImport(
  deps: Deps,
  ctx: Ctx,
  id: string,
  sheetName: string | undefined,
  mapping: AnyMapping,
  callId?: string,
) {
  const upload = await loadUpload(deps.db, ctx, id)
  const sheet = await sheetOf(upload.content, sheetName)
  checkMapping(FIELD_SETS[upload.kind as ImportKind], mapping, sheet)
  const { summary } = await readRows(deps.db, upload.kind, sheet, mapping, callId, deps.clock.now())
  return summarise(summary, sheet)
}

function summarise(rows: RowSummary[], sheet: Sheet) {
  return {
    total: rows.length,
    truncated: sheet.rows.length > IMPORT_MAX_ROWS,
    creates: rows.filter((r) => r.action === 'create').length,
    updates: rows.filter((r) => r.action === 'update').length,
    errors: rows.filter((r) => r.action === 'error').length,
    rows,
  }
}

/**
 * Commits every row or none: institutions are created or updated (matched by identifier, then by
 * name in the country), contacts added when new, and places become conditions of a draft bilateral
 * agreement with the partner, replaced on a re-import rather than added twice.
 */
export async function commitImport(
  deps: Deps,
  ctx: Ctx,
  id: string,
  sheetName: string | undefined,
  mapping: AnyMapping,
  callId?: string,
) {
  const upload = await loadUpload(deps.db, ctx, id)
  if (upload.committed_at)
    throw new AppError(AppErrorCode.CONFLICT, 'This upload was already imported; upload the file again to re-import it.')
  const sheet = await sheetOf(upload.content, sheetName)
  checkMapping(FIELD_SETS[upload.kind as ImportKind], mapping, sheet)
  return deps.db.transaction().execute(async (trx) => {
    const { summary, commit } = await readRows(trx, upload.kind, sheet, mapping, callId, deps.clock.now())
    const failed = summary.filter((r) => r.action === 'error')
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
    await commit(trx, ctx)
    await markCommitted(trx, id)
    await rememberMapping(trx, upload.kind, headerKey(sheet.headers), mapping)
    await recordAudit(trx, ctx, {
      entityType: 'import',
      entityId: id,
      action: 'commit',
      after: { fileName: upload.file_name, kind: upload.kind, sheet: sheet.name, rows: summary.length, mapping, callId },
    })
    return summarise(summary, sheet)
  })
}

/** Institutions are created or updated, and their places become conditions of a draft agreement. */
async function commitInstitutionRows(trx: Kysely<DB>, ctx: Ctx, rows: ParsedRow[], today: string) {
  const home = { id: await homeInstitutionId(trx) }
  for (const r of rows) {
    const institutionId = r.matchId ? await updateFromRow(trx, ctx, r.matchId, r) : await createFromRow(trx, ctx, r)
    if (r.values.places.length) await applyPlaces(trx, ctx, home.id, institutionId, r, today)
  }
}

async function createFromRow(trx: Kysely<DB>, ctx: Ctx, r: ParsedRow) {
  const v = r.values
  const row = {
    id: await insertInstitution(trx, {
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
    }),
  }
  if (v.contactName || v.contactEmail)
    await addContactIfNew(trx, row.id, { name: v.contactName ?? v.contactEmail!, email: v.contactEmail, phone: v.contactPhone })
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
  const before = await institutionRow(trx, id)
  const v = r.values
  const after = {
    city: before.city ?? v.city,
    website: before.website ?? v.website,
    erasmus_code: before.erasmus_code ?? v.erasmusCode,
    schac_id: before.schac_id ?? v.schacId,
    ror_id: before.ror_id ?? v.rorId,
    tags: [...new Set([...before.tags, ...v.tags])],
  }
  await updateInstitutionRow(trx, id, { ...after, ...indexColumns({ ...before, ...after }), updated_at: new Date() })
  if (v.contactEmail || v.contactName)
    await addContactIfNew(trx, id, {
      name: v.contactName ?? v.contactEmail!,
      email: v.contactEmail,
      phone: v.contactPhone,
      position: 99,
    })
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

async function applyPlaces(trx: Kysely<DB>, ctx: Ctx, homeId: string, partnerId: string, r: ParsedRow, today: string) {
  const v = r.values
  // Places are for the next academic year unless the file says otherwise.
  const from = v.academicYearFrom ?? shiftAcademicYear(academicYearOf(today), 1)
  const to = v.academicYearTo ?? `${Number(from.slice(0, 4)) + 4}/${Number(from.slice(0, 4)) + 5}`
  const draftId = await draftExchangeWith(trx, partnerId)
  const draft = draftId ? { id: draftId } : undefined
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
    await createAgreementIn(
      trx,
      ctx,
      {
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
      },
      today,
    )
    return
  }
  const detail: AgreementDetail = await agreementDetail(trx, ctx.actor!, draft.id, today)
  const key = (c: { mobilityType: string; sendingInstitutionId: string; subjectAreas: { isced: string }[] }) =>
    `${c.mobilityType}|${c.sendingInstitutionId}|${c.subjectAreas.map((s) => s.isced).join(',')}`
  const replaced = new Set(incoming.map(key))
  const kept = detail.conditions.filter((c) => !replaced.has(key(c))).map(({ id: _id, ...c }) => c as ConditionInput)
  await replaceConditionsIn(trx, ctx, draft.id, [...kept, ...incoming], 'import_places', today)
}
