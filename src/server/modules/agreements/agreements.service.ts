import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import {
  type AgreementAction,
  type AgreementStatus,
  DEFAULT_REMINDER_DAYS,
  EDITABLE,
  FILE_MAX_BYTES,
  FILE_TYPES,
  type FileKind,
  RENEWABLE,
  shiftAcademicYear,
  TRANSITIONS,
} from '../../../shared/agreements.js'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Actor, Ctx } from '../../http/context.js'
import { AppError, AppErrorCode } from '../../http/errors.js'
import { iso } from '../../http/types.js'
import { recordAudit } from '../audit/audit.record.js'
import { listItems, presentCondition, reindexAgreements, todayUtc, visibleAgreements } from './agreements.repository.js'
import type { AgreementDetail, AgreementInput, ConditionInput } from './agreements.schema.js'

const WRITERS = new Set(['admin', 'officer'])

async function loadAgreement(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await visibleAgreements(db, actor).selectAll('a').where('a.id', '=', id).executeTakeFirst()
  if (!row) throw AppError.notFound('The agreement')
  return row
}

/** Everything about one agreement, as the detail page and the audit trail see it. */
export async function agreementDetail(db: Kysely<DB>, actor: Actor, id: string, today = todayUtc()): Promise<AgreementDetail> {
  const row = await loadAgreement(db, actor, id)
  const [[item], conditions, signatories, files, predecessor, successor] = await Promise.all([
    listItems(db, [id]),
    db.selectFrom('agreement_conditions').selectAll().where('agreement_id', '=', id).orderBy('position').execute(),
    db.selectFrom('agreement_signatories').selectAll().where('agreement_id', '=', id).orderBy('created_at').execute(),
    db
      .selectFrom('agreement_files as f')
      .leftJoin('users as u', 'u.id', 'f.uploaded_by')
      .select([
        'f.id',
        'f.kind',
        'f.file_name',
        'f.mime',
        'f.size',
        'f.version',
        'f.sha256',
        'f.uploaded_at',
        'u.name as uploader',
      ])
      .where('f.agreement_id', '=', id)
      .orderBy('f.file_name')
      .orderBy('f.version', 'desc')
      .execute(),
    row.predecessor_id
      ? db.selectFrom('agreements').select(['id', 'reference']).where('id', '=', row.predecessor_id).executeTakeFirst()
      : undefined,
    db.selectFrom('agreements').select(['id', 'reference', 'status']).where('predecessor_id', '=', id).executeTakeFirst(),
  ])
  const detail: Omit<AgreementDetail, 'actions'> = {
    ...item!,
    notes: actor.role === 'partner' ? null : row.notes,
    terminationReason: row.termination_reason,
    statusChangedAt: iso(row.status_changed_at) as string,
    predecessor: predecessor ?? null,
    successor: successor ?? null,
    conditions: conditions.map(presentCondition),
    signatories: signatories.map((s) => ({
      id: s.id,
      institutionId: s.institution_id,
      name: s.name,
      position: s.position,
      signedOn: s.signed_on,
    })),
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      fileName: f.file_name,
      mime: f.mime,
      size: f.size,
      version: f.version,
      sha256: f.sha256,
      uploadedAt: iso(f.uploaded_at) as string,
      uploadedBy: f.uploader ?? null,
    })),
    editable: WRITERS.has(actor.role) && EDITABLE.includes(row.status),
    createdAt: iso(row.created_at) as string,
  }
  return { ...detail, actions: WRITERS.has(actor.role) ? possibleActions(detail, today) : [] }
}

type ActionCheck = { action: AgreementAction | 'renew'; allowed: boolean; reason: string | null }

/** Which steps the lifecycle allows now, and for each one that is not possible, why. */
export function possibleActions(a: Omit<AgreementDetail, 'actions'>, today: string): ActionCheck[] {
  const out: ActionCheck[] = []
  for (const [action, t] of Object.entries(TRANSITIONS) as [AgreementAction, (typeof TRANSITIONS)[AgreementAction]][]) {
    if (!t.from.includes(a.status)) continue
    out.push({ action, allowed: true, reason: null, ...blockers(a, action, today) })
  }
  if (RENEWABLE.includes(a.status)) {
    out.push(
      a.successor
        ? { action: 'renew', allowed: false, reason: `Already renewed as ${a.successor.reference}.` }
        : { action: 'renew', allowed: true, reason: null },
    )
  }
  return out
}

function blockers(a: Omit<AgreementDetail, 'actions'>, action: AgreementAction, today: string): Partial<ActionCheck> {
  const no = (reason: string) => ({ allowed: false, reason })
  switch (action) {
    case 'negotiate':
      if (!a.startDate || !a.endDate) return no('Set the start and end dates first.')
      if (a.kind === 'bilateral_exchange' && a.conditions.length === 0)
        return no('A bilateral exchange needs at least one cooperation condition.')
      return {}
    case 'sign': {
      const unsigned = a.parties.filter((p) => !a.signatories.some((s) => s.institutionId === p.institutionId && s.signedOn))
      if (unsigned.length) return no(`Record who signed for ${unsigned.map((p) => p.name).join(', ')}, with the date.`)
      if (!a.files.some((f) => f.kind === 'signed_copy')) return no('Upload the signed copy first.')
      return {}
    }
    case 'activate':
      if (a.startDate && a.startDate > today) return no(`It starts on ${a.startDate}; it becomes active by itself that day.`)
      if (a.endDate && a.endDate < today) return no(`It ended on ${a.endDate}.`)
      return {}
    default:
      return {}
  }
}

export async function getAgreement(deps: Deps, actor: Actor, id: string) {
  return agreementDetail(deps.db, actor, id)
}

/** Checks what the schema cannot: that parties, units and the responsible officer exist and fit. */
async function checkReferences(trx: Kysely<DB>, input: AgreementInput) {
  const ids = input.parties.map((p) => p.institutionId)
  const institutions = await trx
    .selectFrom('institutions')
    .select(['id', 'is_home', 'merged_into'])
    .where('id', 'in', ids)
    .execute()
  for (const [i, p] of input.parties.entries()) {
    const inst = institutions.find((x) => x.id === p.institutionId)
    if (!inst || inst.merged_into) throw AppError.validation(`body.parties.${i}.institutionId`, 'is not an institution')
  }
  if (!institutions.some((x) => x.is_home)) throw AppError.validation('body.parties', 'must include the home institution')
  const unitIds = [
    ...input.parties.map((p) => p.orgUnitId),
    ...input.conditions.flatMap((c) => [c.sendingUnitId, c.receivingUnitId]),
  ].filter((u): u is string => !!u)
  const units = unitIds.length
    ? await trx.selectFrom('org_units').select(['id', 'institution_id']).where('id', 'in', unitIds).execute()
    : []
  const unitOf = (unitId: string | null, institutionId: string, path: string) => {
    if (unitId && units.find((u) => u.id === unitId)?.institution_id !== institutionId) {
      throw AppError.validation(path, 'is not a unit of that institution')
    }
  }
  for (const [i, p] of input.parties.entries()) unitOf(p.orgUnitId, p.institutionId, `body.parties.${i}.orgUnitId`)
  input.conditions.forEach((c, i) => {
    unitOf(c.sendingUnitId, c.sendingInstitutionId, `body.conditions.${i}.sendingUnitId`)
    unitOf(c.receivingUnitId, c.receivingInstitutionId, `body.conditions.${i}.receivingUnitId`)
  })
  if (input.responsibleId) {
    const user = await trx.selectFrom('users').select(['role', 'active']).where('id', '=', input.responsibleId).executeTakeFirst()
    if (!user?.active || !WRITERS.has(user.role)) {
      throw AppError.validation('body.responsibleId', 'must be an active officer or administrator')
    }
  }
}

function conditionRows(agreementId: string, conditions: ConditionInput[]) {
  return conditions.map((c, position) => ({
    agreement_id: agreementId,
    position,
    mobility_type: c.mobilityType,
    sending_institution_id: c.sendingInstitutionId,
    sending_unit_id: c.sendingUnitId,
    receiving_institution_id: c.receivingInstitutionId,
    receiving_unit_id: c.receivingUnitId,
    academic_year_from: c.academicYearFrom,
    academic_year_to: c.academicYearTo,
    mobilities_per_year: c.mobilitiesPerYear,
    total_months_per_year: c.totalMonthsPerYear,
    total_days_per_year: c.totalDaysPerYear,
    subject_areas: JSON.stringify(c.subjectAreas),
    eqf_levels: c.eqfLevels,
    language_skills: JSON.stringify(c.languageSkills),
    blended: c.blended,
    other_terms: c.otherTerms,
  }))
}

async function writeTerms(trx: Kysely<DB>, id: string, input: Pick<AgreementInput, 'parties' | 'conditions'>) {
  await trx.deleteFrom('agreement_conditions').where('agreement_id', '=', id).execute()
  await trx.deleteFrom('agreement_parties').where('agreement_id', '=', id).execute()
  await trx
    .insertInto('agreement_parties')
    .values(
      input.parties.map((p, position) => ({
        agreement_id: id,
        institution_id: p.institutionId,
        org_unit_id: p.orgUnitId,
        position,
      })),
    )
    .execute()
  if (input.conditions.length) await trx.insertInto('agreement_conditions').values(conditionRows(id, input.conditions)).execute()
  // Signatories of an institution that is no longer a party go with it.
  await trx
    .deleteFrom('agreement_signatories')
    .where('agreement_id', '=', id)
    .where(
      'institution_id',
      'not in',
      input.parties.map((p) => p.institutionId),
    )
    .execute()
}

export async function nextReference(trx: Kysely<DB>, today = todayUtc()): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('agreement_reference_seq')::text as n`.execute(trx)
  return `AGR-${today.slice(0, 4)}-${rows[0]!.n.padStart(4, '0')}`
}

/** The audit trail's view: the detail without what the system computes. */
function auditView(d: AgreementDetail) {
  const { actions: _a, editable: _e, updatedAt: _u, statusChangedAt: _s, ...rest } = d
  return rest
}

export async function createAgreement(deps: Pick<Deps, 'db'>, ctx: Ctx, input: AgreementInput) {
  return deps.db.transaction().execute((trx) => createAgreementIn(trx, ctx, input))
}

/** Drafts an agreement inside the caller's transaction (an import commits many at once). */
export async function createAgreementIn(trx: Kysely<DB>, ctx: Ctx, input: AgreementInput) {
  await checkReferences(trx, input)
  const row = await trx
    .insertInto('agreements')
    .values({
      reference: await nextReference(trx),
      title: input.title,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      responsible_id: input.responsibleId ?? ctx.actor?.id ?? null,
      notes: input.notes,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeTerms(trx, row.id, input)
  await reindexAgreements(trx, [row.id])
  const after = await agreementDetail(trx, ctx.actor!, row.id)
  await recordAudit(trx, ctx, { entityType: 'agreement', entityId: row.id, action: 'create', after: auditView(after) })
  return row.id
}

/** Replaces the conditions of a draft or negotiated agreement inside the caller's transaction. */
export async function replaceConditionsIn(trx: Kysely<DB>, ctx: Ctx, id: string, conditions: ConditionInput[], action: string) {
  const before = await agreementDetail(trx, ctx.actor!, id)
  if (!EDITABLE.includes(before.status))
    throw new AppError(AppErrorCode.CONFLICT, `${before.reference} is ${before.status}; its conditions cannot change.`)
  await trx.deleteFrom('agreement_conditions').where('agreement_id', '=', id).execute()
  if (conditions.length) await trx.insertInto('agreement_conditions').values(conditionRows(id, conditions)).execute()
  await trx.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', id).execute()
  await reindexAgreements(trx, [id])
  const after = await agreementDetail(trx, ctx.actor!, id)
  await recordAudit(trx, ctx, {
    entityType: 'agreement',
    entityId: id,
    action,
    before: { conditions: before.conditions },
    after: { conditions: after.conditions },
  })
}

export async function updateAgreement(deps: Deps, ctx: Ctx, id: string, input: AgreementInput) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await agreementDetail(trx, ctx.actor!, id)
    if (!EDITABLE.includes(before.status)) {
      const changed = termsChanged(before, input)
      if (changed) {
        throw new AppError(
          AppErrorCode.CONFLICT,
          `body.${changed}: the agreement is ${before.status}; its terms cannot change. Renew it, or terminate it and draft a new one.`,
          { errors: [{ path: `body.${changed}`, message: `cannot change once the agreement is ${before.status}` }] },
        )
      }
    }
    await checkReferences(trx, input)
    await trx
      .updateTable('agreements')
      .set({
        title: input.title,
        kind: input.kind,
        start_date: input.startDate,
        end_date: input.endDate,
        responsible_id: input.responsibleId,
        notes: input.notes,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
    if (EDITABLE.includes(before.status)) await writeTerms(trx, id, input)
    await reindexAgreements(trx, [id])
    const after = await agreementDetail(trx, ctx.actor!, id)
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: id,
      action: 'update',
      before: auditView(before),
      after: auditView(after),
    })
  })
}

/** The first term that differs, or null: after signing only the title, notes and responsible officer may change. */
function termsChanged(before: AgreementDetail, input: AgreementInput): string | null {
  if (before.kind !== input.kind) return 'kind'
  if (before.startDate !== input.startDate) return 'startDate'
  if (before.endDate !== input.endDate) return 'endDate'
  const parties = (ps: { institutionId: string; orgUnitId: string | null }[]) =>
    JSON.stringify(ps.map((p) => [p.institutionId, p.orgUnitId]))
  if (parties(before.parties) !== parties(input.parties)) return 'parties'
  const terms = (cs: Omit<AgreementDetail['conditions'][number], 'id'>[]) =>
    JSON.stringify(
      cs.map((c) => [
        c.mobilityType,
        c.sendingInstitutionId,
        c.sendingUnitId,
        c.receivingInstitutionId,
        c.receivingUnitId,
        c.academicYearFrom,
        c.academicYearTo,
        c.mobilitiesPerYear,
        c.totalMonthsPerYear,
        c.totalDaysPerYear,
        c.subjectAreas.map((s) => [s.isced, s.clarification]),
        c.languageSkills.map((l) => [l.language, l.cefr, l.isced]),
        c.eqfLevels,
        c.blended,
        c.otherTerms,
      ]),
    )
  if (terms(before.conditions) !== terms(input.conditions)) return 'conditions'
  return null
}

export async function transitionAgreement(deps: Deps, ctx: Ctx, id: string, action: AgreementAction, reason?: string) {
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id)
    const check = before.actions.find((a) => a.action === action)
    if (!check) {
      const allowed = TRANSITIONS[action].from.join(' or ')
      throw new AppError(
        AppErrorCode.CONFLICT,
        `body.action: cannot ${action} an agreement that is ${before.status}; only one that is ${allowed}.`,
        { errors: [{ path: 'body.action', message: `is not possible from ${before.status}` }] },
      )
    }
    if (!check.allowed) {
      throw new AppError(AppErrorCode.CONFLICT, `body.action: ${check.reason}`, {
        errors: [{ path: 'body.action', message: check.reason ?? 'is not possible now' }],
      })
    }
    await setStatus(trx, ctx, before, TRANSITIONS[action].to, action, action === 'terminate' ? (reason ?? null) : undefined)
  })
}

async function lockAgreement(trx: Kysely<DB>, id: string) {
  await trx.selectFrom('agreements').select('id').where('id', '=', id).forUpdate().execute()
}

/** Moves an agreement to a status and records the step; used by people and by the daily job. */
export async function setStatus(
  trx: Kysely<DB>,
  ctx: Ctx,
  before: { id: string; status: AgreementStatus },
  to: AgreementStatus,
  action: string,
  terminationReason?: string | null,
) {
  await trx
    .updateTable('agreements')
    .set({
      status: to,
      status_changed_at: new Date(),
      updated_at: new Date(),
      ...(terminationReason !== undefined ? { termination_reason: terminationReason } : {}),
    })
    .where('id', '=', before.id)
    .execute()
  await recordAudit(trx, ctx, {
    entityType: 'agreement',
    entityId: before.id,
    action,
    before: { status: before.status },
    after: { status: to, ...(terminationReason ? { terminationReason } : {}) },
  })
}

function yearsBetween(start: string, end: string): number {
  return Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / (365.25 * 86_400_000)))
}

/**
 * Renews an agreement: a draft successor that copies its parties and conditions, dated to follow
 * it (same length unless other dates are given), academic years moved on by the same span.
 */
export async function renewAgreement(deps: Deps, ctx: Ctx, id: string, dates: { startDate?: string; endDate?: string }) {
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id)
    const check = before.actions.find((a) => a.action === 'renew')
    if (!check?.allowed) {
      const reason =
        check?.reason ?? `only an agreement that is active, expiring or expired can be renewed; this one is ${before.status}`
      throw new AppError(AppErrorCode.CONFLICT, `Cannot renew: ${reason}`, { errors: [{ path: 'params.id', message: reason }] })
    }
    const span = before.startDate && before.endDate ? yearsBetween(before.startDate, before.endDate) : 5
    const startDate = dates.startDate ?? (before.endDate ? addDay(before.endDate) : todayUtc())
    const endDate = dates.endDate ?? shiftDate(startDate, span, -1)
    if (endDate < startDate) throw AppError.validation('body.endDate', 'must not be before startDate')
    const reference = await nextReference(trx)
    const row = await trx
      .insertInto('agreements')
      .values({
        reference,
        title: before.title,
        kind: before.kind,
        start_date: startDate,
        end_date: endDate,
        responsible_id: before.responsible?.id ?? ctx.actor?.id ?? null,
        predecessor_id: id,
        notes: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const yearShift = before.conditions.length
      ? Math.max(1, Number(startDate.slice(0, 4)) - Number(before.conditions[0]!.academicYearFrom.slice(0, 4)))
      : span
    await writeTerms(trx, row.id, {
      parties: before.parties.map((p) => ({ institutionId: p.institutionId, orgUnitId: p.orgUnitId })),
      conditions: before.conditions.map(({ id: _id, ...c }) => ({
        ...c,
        academicYearFrom: shiftAcademicYear(c.academicYearFrom, yearShift),
        academicYearTo: shiftAcademicYear(c.academicYearTo, yearShift),
      })) as ConditionInput[],
    })
    await reindexAgreements(trx, [row.id])
    const created = await agreementDetail(trx, ctx.actor!, row.id)
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: row.id,
      action: 'create_renewal',
      after: auditView(created),
    })
    await setStatus(trx, ctx, before, 'renewed', 'renew')
    return row.id
  })
}

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
function shiftDate(date: string, years: number, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export async function setSignatories(
  deps: Deps,
  ctx: Ctx,
  id: string,
  signatories: { institutionId: string; name: string; position: string | null; signedOn: string | null }[],
) {
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id)
    if (!['draft', 'negotiation', 'signed'].includes(before.status)) {
      throw new AppError(AppErrorCode.CONFLICT, `The agreement is ${before.status}; its signatories are part of its record now.`)
    }
    signatories.forEach((s, i) => {
      if (!before.parties.some((p) => p.institutionId === s.institutionId)) {
        throw AppError.validation(`body.signatories.${i}.institutionId`, 'must be one of the parties')
      }
      if (s.signedOn && s.signedOn > todayUtc())
        throw AppError.validation(`body.signatories.${i}.signedOn`, 'must not be in the future')
    })
    await trx.deleteFrom('agreement_signatories').where('agreement_id', '=', id).execute()
    if (signatories.length) {
      await trx
        .insertInto('agreement_signatories')
        .values(
          signatories.map((s) => ({
            agreement_id: id,
            institution_id: s.institutionId,
            name: s.name,
            position: s.position,
            signed_on: s.signedOn,
          })),
        )
        .execute()
    }
    await trx.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: id,
      action: 'set_signatories',
      before: { signatories: before.signatories },
      after: { signatories },
    })
  })
}

const MAGIC: Record<keyof typeof FILE_TYPES, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) =>
    b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes(Buffer.from('word/')),
}

/** Stores an attachment as the next version of its file name, after checking its bytes match its type. */
export async function uploadFile(
  deps: Deps,
  ctx: Ctx,
  id: string,
  file: { kind: FileKind; name: string; mime: string; content: Buffer },
) {
  const check = MAGIC[file.mime as keyof typeof FILE_TYPES]
  if (!check) {
    throw new AppError(AppErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Attach a PDF, PNG, JPEG or Word (.docx) file.')
  }
  if (file.content.length === 0) throw AppError.validation('body', 'is empty')
  if (file.content.length > FILE_MAX_BYTES)
    throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, `Files may be at most ${FILE_MAX_BYTES / 1024 / 1024} MB.`)
  if (!check(file.content))
    throw AppError.validation('body', `is not a ${FILE_TYPES[file.mime as keyof typeof FILE_TYPES].toUpperCase()} file`)
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const agreement = await loadAgreement(trx, ctx.actor!, id)
    const last = await trx
      .selectFrom('agreement_files')
      .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
      .where('agreement_id', '=', id)
      .where('file_name', '=', file.name)
      .executeTakeFirstOrThrow()
    const sha256 = createHash('sha256').update(file.content).digest('hex')
    const row = await trx
      .insertInto('agreement_files')
      .values({
        agreement_id: agreement.id,
        kind: file.kind,
        file_name: file.name,
        mime: file.mime,
        size: file.content.length,
        sha256,
        version: last.v + 1,
        content: file.content,
        uploaded_by: ctx.actor?.id ?? null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
    await trx.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: id,
      action: 'attach_file',
      after: {
        fileId: row.id,
        kind: file.kind,
        fileName: file.name,
        mime: file.mime,
        size: file.content.length,
        version: row.version,
        sha256,
      },
    })
    return row.id
  })
}

export async function getFile(deps: Deps, actor: Actor, id: string, fileId: string) {
  await loadAgreement(deps.db, actor, id)
  const file = await deps.db
    .selectFrom('agreement_files')
    .select(['file_name', 'mime', 'content', 'version'])
    .where('id', '=', fileId)
    .where('agreement_id', '=', id)
    .executeTakeFirst()
  if (!file) throw AppError.notFound('The file')
  return file
}

export async function addComment(deps: Deps, ctx: Ctx, id: string, body: string) {
  return deps.db.transaction().execute(async (trx) => {
    await loadAgreement(trx, ctx.actor!, id)
    const row = await trx
      .insertInto('agreement_comments')
      .values({ agreement_id: id, author_id: ctx.actor?.id ?? null, body })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, { entityType: 'agreement', entityId: id, action: 'comment', after: { commentId: row.id, body } })
  })
}

/** Changes (from the audit trail) and comments, newest first. */
export async function timeline(deps: Deps, actor: Actor, id: string) {
  await loadAgreement(deps.db, actor, id)
  const [events, comments] = await Promise.all([
    deps.db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.occurred_at', 'e.action', 'e.before', 'e.after', 'e.actor_label', 'u.name'])
      .where('e.entity_type', '=', 'agreement')
      .where('e.entity_id', '=', id)
      .where('e.action', '<>', 'comment')
      .orderBy('e.id', 'desc')
      .limit(500)
      .execute(),
    deps.db
      .selectFrom('agreement_comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.created_at', 'c.body', 'u.name'])
      .where('c.agreement_id', '=', id)
      .orderBy('c.created_at', 'desc')
      .limit(500)
      .execute(),
  ])
  const entries = [
    ...events.map((e) => ({
      at: iso(e.occurred_at) as string,
      kind: 'change' as const,
      actor: e.name ?? (e.actor_label === 'agreements-daily' ? 'Meridian' : e.actor_label),
      action: e.action,
      changes: changedKeys(e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null),
      body:
        e.action === 'terminate' ? (((e.after as Record<string, unknown> | null)?.terminationReason as string) ?? null) : null,
    })),
    ...comments.map((c) => ({
      at: iso(c.created_at) as string,
      kind: 'comment' as const,
      actor: c.name ?? 'unknown',
      action: null,
      changes: [],
      body: c.body,
    })),
  ]
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return []
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}

const REMINDER_KEY = 'agreements.reminderDays'

export async function reminderDays(db: Kysely<DB>): Promise<number[]> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', REMINDER_KEY).executeTakeFirst()
  return Array.isArray(row?.value) ? (row.value as number[]) : DEFAULT_REMINDER_DAYS
}

export async function setReminderDays(deps: Deps, ctx: Ctx, days: number[]) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await reminderDays(trx)
    await trx
      .insertInto('app_settings')
      .values({ key: REMINDER_KEY, value: JSON.stringify(days) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(days), updated_at: new Date() }))
      .execute()
    await recordAudit(trx, ctx, {
      entityType: 'settings',
      entityId: REMINDER_KEY,
      action: 'update',
      before: { reminderDays: before },
      after: { reminderDays: days },
    })
    return { reminderDays: days }
  })
}

/** Per country of partners: institutions, agreements in force, and partners with one. */
export async function countryStats(deps: Deps) {
  const { rows } = await sql<{ country: string; institutions: number; agreements_in_force: number; partners_in_force: number }>`
    select i.country,
      count(distinct i.id)::int as institutions,
      count(distinct a.id) filter (where a.status in ('active','expiring'))::int as agreements_in_force,
      count(distinct i.id) filter (where a.status in ('active','expiring'))::int as partners_in_force
    from institutions i
    left join agreement_parties p on p.institution_id = i.id
    left join agreements a on a.id = p.agreement_id
    where not i.is_home and i.merged_into is null
    group by i.country
    order by i.country`.execute(deps.db)
  return rows.map((r) => ({
    country: r.country,
    institutions: r.institutions,
    agreementsInForce: r.agreements_in_force,
    partnersInForce: r.partners_in_force,
  }))
}
