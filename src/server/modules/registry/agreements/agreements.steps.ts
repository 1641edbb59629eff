import { type AgreementAction, shiftAcademicYear, TRANSITIONS } from '../../../../shared/agreements.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { insertAgreement, lockAgreement, nextReference, reindexAgreements, writeTerms } from './agreements.repository.js'
import type { ConditionInput } from './agreements.schema.js'
import { agreementDetail, auditView } from './agreements.service.js'
import { agreementLifecycle } from './agreements.status.js'

export async function transitionAgreement(deps: Deps, ctx: Ctx, id: string, action: AgreementAction, reason?: string) {
  const today = todayUtc(deps.clock.now())
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id, today)
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
    const terminating = action === 'terminate'
    await agreementLifecycle.take(
      trx,
      ctx,
      before,
      action,
      terminating ? { termination_reason: reason ?? null } : {},
      terminating && reason ? { terminationReason: reason } : {},
    )
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
  const today = todayUtc(deps.clock.now())
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const before = await agreementDetail(trx, ctx.actor!, id, today)
    const check = before.actions.find((a) => a.action === 'renew')
    if (!check?.allowed) {
      const reason =
        check?.reason ?? `only an agreement that is active, expiring or expired can be renewed; this one is ${before.status}`
      throw new AppError(AppErrorCode.CONFLICT, `Cannot renew: ${reason}`, { errors: [{ path: 'params.id', message: reason }] })
    }
    const span = before.startDate && before.endDate ? yearsBetween(before.startDate, before.endDate) : 5
    const startDate = dates.startDate ?? (before.endDate ? addDays(before.endDate, 1) : today)
    const endDate = dates.endDate ?? shiftDate(startDate, span, -1)
    if (endDate < startDate) throw AppError.validation('body.endDate', 'must not be before startDate')
    const reference = await nextReference(trx, today)
    const row = {
      id: await insertAgreement(trx, {
        reference,
        title: before.title,
        kind: before.kind,
        start_date: startDate,
        end_date: endDate,
        responsible_id: before.responsible?.id ?? ctx.actor?.id ?? null,
        predecessor_id: id,
        notes: null,
      }),
    }
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
    const created = await agreementDetail(trx, ctx.actor!, row.id, today)
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: row.id,
      action: 'create_renewal',
      after: auditView(created),
    })
    await agreementLifecycle.take(trx, ctx, before, 'renew', {})
    return row.id
  })
}

/** `date` moved by whole years and then by days. */
function shiftDate(date: string, years: number, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return addDays(d.toISOString().slice(0, 10), days)
}
