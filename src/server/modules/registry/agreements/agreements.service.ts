import { type Kysely, sql } from 'kysely'
import { type AgreementAction, EDITABLE, RENEWABLE, TRANSITIONS } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { todayUtc } from '../../../kernel/dates.js'
import { listItems, presentCondition, reindexAgreements, visibleAgreements } from './agreements.repository.js'
import type { AgreementDetail, AgreementInput, ConditionInput } from './agreements.schema.js'

const WRITERS = new Set(['admin', 'officer'])

export async function loadAgreement(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await visibleAgreements(db, actor).selectAll('a').where('a.id', '=', id).executeTakeFirst()
  if (!row) throw AppError.notFound('The agreement')
  return row
}

/** Everything about one agreement, as the detail page and the audit trail see it. */
export async function agreementDetail(db: Kysely<DB>, actor: Actor, id: string, today: string): Promise<AgreementDetail> {
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
  return agreementDetail(deps.db, actor, id, todayUtc(deps.clock.now()))
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

export async function writeTerms(trx: Kysely<DB>, id: string, input: Pick<AgreementInput, 'parties' | 'conditions'>) {
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

export async function nextReference(trx: Kysely<DB>, today: string): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('agreement_reference_seq')::text as n`.execute(trx)
  return `AGR-${today.slice(0, 4)}-${rows[0]!.n.padStart(4, '0')}`
}

/** The audit trail's view: the detail without what the system computes. */
export function auditView(d: AgreementDetail) {
  const { actions: _a, editable: _e, updatedAt: _u, statusChangedAt: _s, ...rest } = d
  return rest
}

export async function createAgreement(deps: Pick<Deps, 'db' | 'clock'>, ctx: Ctx, input: AgreementInput) {
  const today = todayUtc(deps.clock.now())
  return deps.db.transaction().execute((trx) => createAgreementIn(trx, ctx, input, today))
}

/** Drafts an agreement inside the caller's transaction (an import commits many at once). */
export async function createAgreementIn(trx: Kysely<DB>, ctx: Ctx, input: AgreementInput, today: string) {
  await checkReferences(trx, input)
  const row = await trx
    .insertInto('agreements')
    .values({
      reference: await nextReference(trx, today),
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
  const after = await agreementDetail(trx, ctx.actor!, row.id, today)
  await recordAudit(trx, ctx, { entityType: 'agreement', entityId: row.id, action: 'create', after: auditView(after) })
  return row.id
}

/** Replaces the conditions of a draft or negotiated agreement inside the caller's transaction. */
export async function replaceConditionsIn(
  trx: Kysely<DB>,
  ctx: Ctx,
  id: string,
  conditions: ConditionInput[],
  action: string,
  today: string,
) {
  const before = await agreementDetail(trx, ctx.actor!, id, today)
  if (!EDITABLE.includes(before.status))
    throw new AppError(AppErrorCode.CONFLICT, `${before.reference} is ${before.status}; its conditions cannot change.`)
  await trx.deleteFrom('agreement_conditions').where('agreement_id', '=', id).execute()
  if (conditions.length) await trx.insertInto('agreement_conditions').values(conditionRows(id, conditions)).execute()
  await trx.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', id).execute()
  await reindexAgreements(trx, [id])
  const after = await agreementDetail(trx, ctx.actor!, id, today)
  await recordAudit(trx, ctx, {
    entityType: 'agreement',
    entityId: id,
    action,
    before: { conditions: before.conditions },
    after: { conditions: after.conditions },
  })
}

export async function updateAgreement(deps: Deps, ctx: Ctx, id: string, input: AgreementInput) {
  const today = todayUtc(deps.clock.now())
  return deps.db.transaction().execute(async (trx) => {
    const before = await agreementDetail(trx, ctx.actor!, id, today)
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
    const after = await agreementDetail(trx, ctx.actor!, id, today)
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

export async function lockAgreement(trx: Kysely<DB>, id: string) {
  await trx.selectFrom('agreements').select('id').where('id', '=', id).forUpdate().execute()
}

export async function setSignatories(
  deps: Deps,
  ctx: Ctx,
  id: string,
  signatories: { institutionId: string; name: string; position: string | null; signedOn: string | null }[],
) {
  const today = todayUtc(deps.clock.now())
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id, today)
    if (!['draft', 'negotiation', 'signed'].includes(before.status)) {
      throw new AppError(AppErrorCode.CONFLICT, `The agreement is ${before.status}; its signatories are part of its record now.`)
    }
    signatories.forEach((s, i) => {
      if (!before.parties.some((p) => p.institutionId === s.institutionId)) {
        throw AppError.validation(`body.signatories.${i}.institutionId`, 'must be one of the parties')
      }
      if (s.signedOn && s.signedOn > today)
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
