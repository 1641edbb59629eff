import type { Kysely } from 'kysely'
import { type AgreementAction, EDITABLE, RENEWABLE, TRANSITIONS } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { todayUtc } from '../../../kernel/dates.js'
import {
  agreementParts,
  insertAgreement,
  listItems,
  lockAgreement,
  nextReference,
  presentCondition,
  referencedRecords,
  reindexAgreements,
  replaceConditions,
  replaceSignatories,
  touchAgreement,
  updateAgreementRow,
  visibleAgreements,
  writeTerms,
} from './agreements.repository.js'
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
  const [[item], { conditions, signatories, files, predecessor, successor }] = await Promise.all([
    listItems(db, [id]),
    agreementParts(db, id, row.predecessor_id),
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
  const unitIds = [
    ...input.parties.map((p) => p.orgUnitId),
    ...input.conditions.flatMap((c) => [c.sendingUnitId, c.receivingUnitId]),
  ].filter((u): u is string => !!u)
  const { institutions, units, responsible } = await referencedRecords(
    trx,
    input.parties.map((p) => p.institutionId),
    unitIds,
    input.responsibleId ?? null,
  )
  for (const [i, p] of input.parties.entries()) {
    const inst = institutions.find((x) => x.id === p.institutionId)
    if (!inst || inst.merged_into) throw AppError.validation(`body.parties.${i}.institutionId`, 'is not an institution')
  }
  if (!institutions.some((x) => x.is_home)) throw AppError.validation('body.parties', 'must include the home institution')
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
    if (!responsible?.active || !WRITERS.has(responsible.role)) {
      throw AppError.validation('body.responsibleId', 'must be an active officer or administrator')
    }
  }
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
  const id = await insertAgreement(trx, {
    reference: await nextReference(trx, today),
    title: input.title,
    kind: input.kind,
    start_date: input.startDate,
    end_date: input.endDate,
    responsible_id: input.responsibleId ?? ctx.actor?.id ?? null,
    notes: input.notes,
  })
  await writeTerms(trx, id, input)
  await reindexAgreements(trx, [id])
  const after = await agreementDetail(trx, ctx.actor!, id, today)
  await recordAudit(trx, ctx, { entityType: 'agreement', entityId: id, action: 'create', after: auditView(after) })
  return id
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
  await replaceConditions(trx, id, conditions)
  await touchAgreement(trx, id)
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
    await updateAgreementRow(trx, id, {
      title: input.title,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      responsible_id: input.responsibleId,
      notes: input.notes,
      updated_at: new Date(),
    })
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
    await replaceSignatories(trx, id, signatories)
    await touchAgreement(trx, id)
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: id,
      action: 'set_signatories',
      before: { signatories: before.signatories },
      after: { signatories },
    })
  })
}
