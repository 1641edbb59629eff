import type { Kysely, Selectable } from 'kysely'
import {
  type ChecklistItem,
  checklistFor,
  daysUntil,
  EXPIRING,
  itemState,
  NEEDS_PROOF,
  proofKind,
} from '../../../../shared/checklist.js'
import type { DB } from '../../../db/schema.js'
import type { ChecklistItemTable } from '../../../db/schema-applications.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { uploadDocument } from '../../applications/documents/documents.service.js'
import { en } from '../../comms/mail/templates/en.js'
import { tellOfficer, tellStudent } from '../mobilities/mobility.mail.js'
import { mobilityOf } from '../mobilities/mobility.repository.js'
import { CHECKLIST_STEPS, type ChecklistStep, mayTakeChecklistStep, readsChecklist } from './checklist.policy.js'
import { checklistPlace, itemRows, namesOf, proofRows } from './checklist.repository.js'
import type { ChecklistSubmission } from './checklist.schema.js'
import { checklistLifecycle } from './checklist.status.js'

// The checklist before departure (issue 6, decision 025). The student (or the office for them)
// submits each item with its proof; an officer verifies or rejects it. A changed item or a new
// proof goes back to the officer. Items are open from the host's acceptance until the host's
// transcript ends the stay; the arrival waits for every item verified and none expired.

type ItemRow = Selectable<ChecklistItemTable>

/** What each item is called in errors (mail names it in the reader's language). */
export const ITEM_NAMES: Record<ChecklistItem, string> = en.items

/** The application's checklist facts: its items, the rows submitted, the mobility's state and the end of the stay. */
async function facts(db: Kysely<DB>, applicationId: string) {
  const [info, rows, mobility] = await Promise.all([
    checklistPlace(db, applicationId),
    itemRows(db, applicationId),
    mobilityOf(db, applicationId),
  ])
  const items = checklistFor(info.requirements ?? [])
  const byItem = new Map(rows.filter((r) => items.includes(r.item)).map((r) => [r.item, r]))
  const travel = byItem.get('travel')?.details as { returnOn?: string } | undefined
  const stayEnd = travel?.returnOn ?? (info.planned_end ? lastDayOfMonth(info.planned_end) : null)
  return { info, items, byItem, stayEnd, mobilityStatus: mobility?.status ?? 'preparing' }
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** The items not yet verified, or verified and since expired, as "name (state)". */
export function gaps(items: ChecklistItem[], byItem: Map<ChecklistItem, ItemRow>, today: string): string[] {
  return items.flatMap((item) => {
    const row = byItem.get(item)
    const state = itemState(row?.status ?? null, row?.expires_on ?? null, today)
    return state === 'verified' ? [] : [`${ITEM_NAMES[item]} (${state})`]
  })
}

/** What stops the arrival: the checklist's gaps, empty when the student may leave. */
export async function checklistGaps(db: Kysely<DB>, applicationId: string, today: string): Promise<string[]> {
  const f = await facts(db, applicationId)
  return gaps(f.items, f.byItem, today)
}

/** The checklist as the student or the office sees it; anyone else is told it does not exist. */
export async function loadChecklist(db: Kysely<DB>, ctx: Ctx, applicationId: string, today: string) {
  const { row, access } = await accessTo(db, ctx.actor!, applicationId)
  if (!readsChecklist(access)) throw AppError.notFound('The checklist')
  const f = await facts(db, applicationId)
  const verifierIds = [...f.byItem.values()].flatMap((r) => (r.verified_by ? [r.verified_by] : []))
  const [proofs, verifiers] = await Promise.all([proofRows(db, applicationId), namesOf(db, verifierIds)])
  const proofOf = new Map(proofs.map((p) => [p.kind, p]))
  const nameOf = new Map(verifiers.map((v) => [v.id, v.name]))
  return {
    applicationId,
    student: f.info.name,
    host: f.info.host,
    stayEnd: f.stayEnd,
    complete: gaps(f.items, f.byItem, today).length === 0,
    editable: isOpen(row.status, f.mobilityStatus),
    verifier: mayTakeChecklistStep('verify', access),
    items: f.items.map((item) => {
      const r = f.byItem.get(item)
      const proof = proofOf.get(proofKind(item))
      const expiresOn = r?.expires_on ?? null
      return {
        item,
        state: itemState(r?.status ?? null, expiresOn, today),
        needsProof: NEEDS_PROOF.includes(item),
        expiring: EXPIRING.includes(item),
        details: (r?.details as Record<string, unknown> | undefined) ?? null,
        expiresOn,
        daysToExpiry: expiresOn ? daysUntil(expiresOn, today) : null,
        coversStay: expiresOn && f.stayEnd ? expiresOn >= f.stayEnd : null,
        proof: proof ? { id: proof.id, fileName: proof.file_name, createdAt: iso(proof.created_at)! } : null,
        submittedAt: iso(r?.submitted_at ?? null),
        verifiedAt: iso(r?.verified_at ?? null),
        verifiedBy: r?.verified_by ? (nameOf.get(r.verified_by) ?? null) : null,
        rejection: r?.rejection ?? null,
      }
    }),
  }
}

/** Items may change from the host's acceptance until the stay ends. */
const isOpen = (applicationStatus: string, mobilityStatus: string) =>
  applicationStatus === 'host_accepted' && (mobilityStatus === 'preparing' || mobilityStatus === 'abroad')

/** The application, locked, for a change to its checklist by the student or the office. */
async function forChange(trx: Kysely<DB>, ctx: Ctx, applicationId: string, item: ChecklistItem, step: ChecklistStep) {
  const { access } = await accessTo(trx, ctx.actor!, applicationId)
  if (!readsChecklist(access)) throw AppError.notFound('The checklist')
  if (!mayTakeChecklistStep(step, access)) throw new AppError(AppErrorCode.FORBIDDEN, CHECKLIST_STEPS[step].refusal)
  const locked = await lockApplication(trx, applicationId)
  const f = await facts(trx, applicationId)
  if (!isOpen(locked.status, f.mobilityStatus))
    throw new AppError(
      AppErrorCode.CONFLICT,
      locked.status !== 'host_accepted'
        ? `The application is ${locked.status}: the checklist opens once the host has accepted the student.`
        : 'The stay has ended: the checklist is closed.',
    )
  if (!f.items.includes(item)) throw new AppError(AppErrorCode.CONFLICT, `This mobility's checklist has no ${ITEM_NAMES[item]}.`)
  return { f, row: f.byItem.get(item) ?? null }
}

/** The student (or the office) submits an item; it waits for an officer's verification. */
export async function submitItem(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  input: ChecklistSubmission,
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { f, row } = await forChange(trx, ctx, applicationId, input.item, 'submit')
    const problems = submissionProblems(input, today)
    if (NEEDS_PROOF.includes(input.item)) {
      const proof = (await proofRows(trx, applicationId)).find((p) => p.kind === proofKind(input.item))
      if (!proof) problems.push(['proof', `is missing: upload the proof of the ${ITEM_NAMES[input.item]} first`])
    }
    if (problems.length) throw AppError.fields(problems)
    const values = {
      details: JSON.stringify(input.details),
      expires_on: input.expiresOn,
      submitted_by: ctx.actor!.id,
      submitted_at: new Date(),
      verified_by: null,
      verified_at: null,
      rejection: null,
      reminded_days: null,
    }
    const detail = { item: input.item, details: input.details, expiresOn: input.expiresOn }
    if (row) {
      await checklistLifecycle.take(trx, ctx, row, 'resubmit', values, detail, {
        before: { item: row.item, details: row.details, expiresOn: row.expires_on },
        entityId: applicationId,
      })
    } else {
      await checklistLifecycle.create(
        trx,
        ctx,
        'resubmit',
        { application_id: applicationId, item: input.item, ...values },
        detail,
        {
          entityId: applicationId,
        },
      )
    }
    // The officer hears once nothing is missing or rejected any more: the checklist is theirs to verify.
    f.byItem.set(input.item, { ...(row as ItemRow), item: input.item, status: 'submitted' })
    const waiting = f.items.every((i) => {
      const s = f.byItem.get(i)?.status
      return s === 'submitted' || s === 'verified'
    })
    if (waiting) await tellOfficer(trx, deps, applicationId, 'checklistToVerify', { student: f.info.name })
  })
}

/** Beyond shape: dates in the right order and in the right tense. */
function submissionProblems(input: ChecklistSubmission, today: string): [string, string][] {
  const problems: [string, string][] = []
  if (EXPIRING.includes(input.item)) {
    if (!input.expiresOn) problems.push(['expiresOn', `is required: the ${ITEM_NAMES[input.item]} lapses`])
  }
  if (input.expiresOn && input.expiresOn < today) problems.push(['expiresOn', 'has passed: the proof is no longer valid'])
  if (input.item === 'immunisations')
    input.details.doses.forEach((d, i) => {
      if (d.date > today) problems.push([`details.doses.${i}.date`, 'must not be in the future'])
    })
  if (input.item === 'background_check' && input.details.issuedOn > today)
    problems.push(['details.issuedOn', 'must not be in the future'])
  if (input.item === 'travel' && input.details.returnOn < input.details.departOn)
    problems.push(['details.returnOn', 'must not be before the departure'])
  return problems
}

/** An officer verifies a submitted item. */
export async function verifyItem(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  item: ChecklistItem,
  today = todayUtc(deps.clock.now()),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { f, row } = await forChange(trx, ctx, applicationId, item, 'verify')
    if (!row || !checklistLifecycle.can('verify', row.status))
      throw new AppError(
        AppErrorCode.CONFLICT,
        !row
          ? `The ${ITEM_NAMES[item]} has not been submitted yet.`
          : row.status === 'verified'
            ? `The ${ITEM_NAMES[item]} is already verified.`
            : `The ${ITEM_NAMES[item]} was rejected; the student submits it again.`,
      )
    if (row.expires_on && row.expires_on < today)
      throw new AppError(AppErrorCode.CONFLICT, `The ${ITEM_NAMES[item]} expired on ${row.expires_on}.`)
    const verifiedAt = new Date()
    await checklistLifecycle.take(
      trx,
      ctx,
      row,
      'verify',
      { verified_by: ctx.actor!.id, verified_at: verifiedAt },
      { item },
      { before: { item }, entityId: applicationId },
    )
    f.byItem.set(item, { ...row, status: 'verified', verified_at: verifiedAt })
    const complete = gaps(f.items, f.byItem, today).length === 0
    await tellStudent(trx, deps, applicationId, complete ? 'checklistComplete' : 'itemVerified', (r) => ({
      item: r.pack.items[item],
    }))
  })
}

/** An officer rejects a submitted (or verified) item with the reason; the student submits it again. */
export async function rejectItem(deps: MailDeps, ctx: Ctx, applicationId: string, item: ChecklistItem, reason: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { row } = await forChange(trx, ctx, applicationId, item, 'verify')
    if (!row || !checklistLifecycle.can('reject', row.status))
      throw new AppError(
        AppErrorCode.CONFLICT,
        row ? `The ${ITEM_NAMES[item]} is already rejected.` : `The ${ITEM_NAMES[item]} has not been submitted yet.`,
      )
    await checklistLifecycle.take(
      trx,
      ctx,
      row,
      'reject',
      { rejection: reason, verified_by: null, verified_at: null },
      { item, reason },
      { before: { item }, entityId: applicationId },
    )
    await tellStudent(trx, deps, applicationId, 'itemRejected', (r) => ({ item: r.pack.items[item], reason }))
  })
}

/** The proof of an item, stored like any document; a new proof for a verified item goes back to the officer. */
export async function uploadProof(
  deps: Pick<Deps, 'db' | 'env'>,
  ctx: Ctx,
  applicationId: string,
  item: ChecklistItem,
  file: { name: string; mime: string; content: Buffer },
) {
  return uploadDocument(deps, ctx, applicationId, { ...file, kind: proofKind(item), expiresOn: null }, async (trx) => {
    const { row } = await forChange(trx, ctx, applicationId, item, 'submit')
    if (!NEEDS_PROOF.includes(item)) throw new AppError(AppErrorCode.CONFLICT, `The ${ITEM_NAMES[item]} needs no document.`)
    if (row && checklistLifecycle.can('reopen', row.status))
      await checklistLifecycle.take(
        trx,
        ctx,
        row,
        'reopen',
        { verified_by: null, verified_at: null, submitted_at: new Date() },
        { item },
        { before: { item }, entityId: applicationId },
      )
  })
}
