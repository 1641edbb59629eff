import type { Kysely } from 'kysely'
import { type ApplicationStatus, HOLDING, LEFT } from '../../../../shared/applications.js'
import { callPhase } from '../../../../shared/calls.js'
import type { DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { managedCall } from '../../applications/applications/applications.policy.js'
import {
  lockApplication,
  sendWithdrawalReceipt,
  withdrawApplicationIn,
} from '../../applications/applications/applications.service.js'
import { applicationLifecycle } from '../../applications/applications/applications.status.js'
import { notify } from '../../comms/notifications/notify.js'
import {
  adjustmentOf,
  adjustmentsOf,
  allocationNames,
  applicationInCall,
  applicationStates,
  chose,
  dueOffers,
  insertAdjustment,
  insertAllocation,
  lockCall,
  lockDueOffers,
  opportunityTitle,
  publishedAllocation,
  removeAdjustment,
  resultRecipients,
  takePlace,
} from './allocation.repository.js'
import { allocate, buildInstance, type CallInstance, explain, remaining, statistics } from './call-allocation.js'

// Running a call's allocation: a dry run as often as the office likes, adjustments with a reason,
// publication (offers with a deadline, everyone told), answers, and a place given back going to
// the next in line, telling only those whose result changes.

/** The allocation as it stands: published (with the answers so far) or a dry run. */
export async function allocationView(db: Kysely<DB>, actor: Actor, callId: string, now: Date) {
  const call = await managedCall(db, actor, callId)
  const published = await publishedAllocation(db, callId)
  const adjustments = await adjustmentsOf(db, callId)
  const { people, offers } = await allocationNames(db, callId)
  let built: CallInstance
  let unscored: string[] = []
  let result: ReturnType<typeof allocate>
  if (published) {
    const state = await currentState(db, callId)
    built = state.built
    result = state.result
  } else {
    ;({ built, unscored } = await buildInstance(db, callId))
    result = allocate(built, new Map(adjustments.map((a) => [a.application_id, a.opportunity_id])))
  }
  const person = new Map(people.map((p) => [p.id, p]))
  const score = new Map(built.instance.applicants.map((a) => [a.id, a.score]))
  return {
    callId,
    phase: callPhase(call.opens_at, call.closes_at, now),
    published: published ? { at: iso(published.published_at)!, offerDeadline: iso(published.offer_deadline)! } : null,
    unscored: unscored.length,
    stats: statistics(built, result.assignment),
    opportunities: offers.map((o) => ({
      opportunityId: o.id,
      title: o.title,
      host: { name: o.host_name, country: o.host_country },
    })),
    rows: Object.keys(built.ranked)
      .filter((id) => person.has(id))
      .map((id) => {
        const p = person.get(id)!
        const holds = p.status === 'offered' || HOLDING.includes(p.status)
        const assigned = published ? (holds ? p.offered_opportunity_id : null) : (result.assignment[id] ?? null)
        const adjustment = adjustments.find((a) => a.application_id === id)
        return {
          applicationId: id,
          name: p.name,
          status: p.status,
          score: unscored.includes(id) ? null : (score.get(id) ?? null),
          assigned,
          choice: assigned ? (built.ranked[id] ?? []).indexOf(assigned) + 1 : null,
          adjustment: adjustment ? { opportunityId: adjustment.opportunity_id, reason: adjustment.reason } : null,
          explanations: id in result.assignment ? explain(built, result.matching, result.assignment, id) : [],
        }
      })
      .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.name.localeCompare(y.name)),
    problems: result.problems,
    blockingPairs: result.blockingPairs,
  }
}

/**
 * After publication: the published instance without those who declined or withdrew, accepted
 * places kept, and the adjustments of those still in.
 */
async function currentState(db: Kysely<DB>, callId: string) {
  const published = (await publishedAllocation(db, callId))!
  const rows = await applicationStates(db, callId)
  const out = new Set(rows.filter((r) => LEFT.includes(r.status)).map((r) => r.id))
  const accepted = new Map(rows.filter((r) => HOLDING.includes(r.status)).map((r) => [r.id, r.offered_opportunity_id!]))
  const built = remaining(published.instance as CallInstance, out, accepted)
  const adjustments = (await adjustmentsOf(db, callId)).filter(
    (a) => !out.has(a.application_id) && !accepted.has(a.application_id),
  )
  const result = allocate(built, new Map(adjustments.map((a) => [a.application_id, a.opportunity_id])))
  return { built, result, rows }
}

/** Records (or, with no reason, removes) an officer's change to one applicant's place before publication. */
export async function adjust(
  deps: Pick<Deps, 'db'>,
  ctx: Ctx,
  callId: string,
  input: { applicationId: string; opportunityId: string | null; reason: string } | { applicationId: string; remove: true },
) {
  await deps.db.transaction().execute(async (trx) => {
    await managedCall(trx, ctx.actor!, callId)
    await refuseIfPublished(trx, callId)
    const app = await applicationInCall(trx, callId, input.applicationId)
    if (app?.status !== 'submitted')
      throw AppError.validation('body.applicationId', 'is not a submitted application of this call')
    const before = await adjustmentOf(trx, callId, app.id)
    await removeAdjustment(trx, callId, app.id)
    if (!('remove' in input)) {
      if (input.opportunityId) {
        if (!(await chose(trx, app.id, input.opportunityId)))
          throw AppError.validation('body.opportunityId', "is not one of the applicant's choices")
      }
      await insertAdjustment(trx, {
        call_id: callId,
        application_id: app.id,
        opportunity_id: input.opportunityId,
        reason: input.reason,
        created_by: ctx.actor!.id,
      })
    }
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: callId,
      action: 'remove' in input ? 'remove_adjustment' : 'adjust_allocation',
      before: before ? { applicationId: app.id, ...before } : undefined,
      after: 'remove' in input ? undefined : input,
    })
  })
}

async function refuseIfPublished(trx: Kysely<DB>, callId: string) {
  if (await publishedAllocation(trx, callId))
    throw new AppError(AppErrorCode.CONFLICT, "The call's allocation is already published.")
}

/** Publishes the allocation: everyone placed is offered their place until the deadline, the rest wait. */
export async function publishAllocation(deps: MailDeps, ctx: Ctx, callId: string, offerDeadline: Date, now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const call = await managedCall(trx, ctx.actor!, callId)
    await lockCall(trx, callId)
    await refuseIfPublished(trx, callId)
    if (callPhase(call.opens_at, call.closes_at, now) !== 'closed')
      throw new AppError(AppErrorCode.CONFLICT, 'The call is still open; allocate after it closes.')
    if (offerDeadline <= now) throw AppError.validation('body.offerDeadline', 'must be in the future')
    const { built, unscored } = await buildInstance(trx, callId)
    if (built.instance.applicants.length === 0)
      throw new AppError(AppErrorCode.CONFLICT, 'The call has no submitted applications.')
    if (unscored.length > 0)
      throw new AppError(
        AppErrorCode.CONFLICT,
        `${unscored.length} application(s) have no complete review yet; every one needs a score.`,
      )
    const adjustments = await adjustmentsOf(trx, callId)
    const result = allocate(built, new Map(adjustments.map((a) => [a.application_id, a.opportunity_id])))
    if (result.problems.length > 0)
      throw new AppError(AppErrorCode.CONFLICT, 'The adjustments give places the rules do not allow; see the dry run.', {
        errors: result.problems.map((p) => ({ path: p.applicant ?? p.opportunity, message: p.problem })),
      })
    await insertAllocation(trx, {
      call_id: callId,
      instance: JSON.stringify(built),
      assignment: JSON.stringify(result.assignment),
      offer_deadline: offerDeadline,
      published_by: ctx.actor!.id,
    })
    for (const [id, opportunity] of Object.entries(result.assignment)) {
      await setOffer(
        trx,
        ctx,
        { id, status: 'submitted' },
        opportunity,
        opportunity ? (built.ranked[id] ?? []).indexOf(opportunity) + 1 : null,
        offerDeadline,
        now,
      )
    }
    await tell(trx, deps, Object.keys(result.assignment), 'published')
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: callId,
      action: 'publish_allocation',
      after: { offerDeadline: offerDeadline.toISOString(), ...statistics(built, result.assignment), perOpportunity: undefined },
    })
  })
}

/** Offers a place (or the waiting list, when none) as a step of the application's lifecycle. */
async function setOffer(
  trx: Kysely<DB>,
  ctx: Ctx,
  row: { id: string; status: ApplicationStatus },
  opportunity: string | null,
  choice: number | null,
  deadline: Date,
  now: Date,
) {
  await applicationLifecycle.take(
    trx,
    ctx,
    row,
    opportunity ? 'offer' : 'waitlist',
    {
      offered_opportunity_id: opportunity,
      offered_choice: choice,
      offer_deadline: opportunity ? deadline : null,
      updated_at: now,
    },
    { opportunityId: opportunity, choice },
  )
}

/** The applicant accepts or declines the place offered, before the deadline. */
export async function answerOffer(deps: MailDeps, ctx: Ctx, id: string, answer: 'accept' | 'decline', now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, id)
    if (row.applicant_id !== ctx.actor!.id) throw AppError.notFound('The application')
    applicationLifecycle.refuse(answer, row.status)
    if (row.offer_deadline && row.offer_deadline <= now)
      throw new AppError(AppErrorCode.CONFLICT, `The offer had to be answered by ${row.offer_deadline.toISOString()}.`)
    await applicationLifecycle.take(trx, ctx, row, answer, { answered_at: now }, { opportunityId: row.offered_opportunity_id })
    if (answer === 'accept') await takePlace(trx, row.call_id, row.offered_opportunity_id!)
    if (answer === 'decline') await giveOn(trx, deps, ctx, row.call_id, now)
    const place = await opportunityTitle(trx, row.offered_opportunity_id!)
    await notify(trx, deps, {
      link: '/applications',
      to: ctx.actor!.email,
      template: answer === 'accept' ? 'offerAccepted' : 'offerDeclined',
      vars: (r) => ({ opportunity: r.text(place.title) }),
    })
  })
}

/** Withdraws an application and, if it gave back a place, offers that place to the next in line: one transaction. */
export async function withdraw(deps: MailDeps, ctx: Ctx, applicationId: string, reason: string | null) {
  await deps.db.transaction().execute(async (trx) => {
    const { callId, freedPlace } = await withdrawApplicationIn(trx, ctx, applicationId, reason, deps.clock.now())
    if (freedPlace) await giveOn(trx, deps, ctx, callId)
    await sendWithdrawalReceipt(trx, deps, applicationId)
  })
}

/**
 * A place came back (declined, lapsed or withdrawn): recompute from the published instance
 * and offer the changed places, telling only those whose result changes. Call inside the
 * transaction that gave the place back, with the call locked.
 */
export async function giveOn(
  trx: Kysely<DB>,
  deps: Pick<Deps, 'mail' | 'env' | 'clock'>,
  ctx: Ctx,
  callId: string,
  now = deps.clock.now(),
) {
  const published = await publishedAllocation(trx, callId)
  if (!published) return []
  const { built, result, rows } = await currentState(trx, callId)
  // Those newly offered get as long to answer as the first offers did, counted from now.
  const window = Math.max(published.offer_deadline.getTime() - published.published_at.getTime(), 3 * 86_400_000)
  const deadline = new Date(now.getTime() + window)
  const changed: string[] = []
  for (const r of rows) {
    if (r.status !== 'offered' && r.status !== 'waitlisted') continue
    const next = result.assignment[r.id] ?? null
    if (next === (r.status === 'offered' ? r.offered_opportunity_id : null)) continue
    await setOffer(trx, ctx, r, next, next ? (built.ranked[r.id] ?? []).indexOf(next) + 1 : null, deadline, now)
    changed.push(r.id)
  }
  await tell(trx, deps, changed, 'changed')
  return changed
}

const LAPSE_CTX: Ctx = { actor: null, requestId: 'offers-lapse', ip: '' }

/** Offers not answered by their deadline count as declined, and their places go on. */
export async function lapseOffers(deps: MailDeps, now = deps.clock.now()) {
  const due = await dueOffers(deps.db, now)
  const calls = [...new Set(due.map((d) => d.call_id))]
  for (const callId of calls) {
    await deps.db.transaction().execute(async (trx) => {
      await lockCall(trx, callId)
      const lapsed = await lockDueOffers(trx, callId, now)
      for (const row of lapsed)
        await applicationLifecycle.take(trx, LAPSE_CTX, row, 'lapse', {
          answered_at: now,
          updated_at: now,
          withdraw_reason: 'The offer was not answered by its deadline.',
        })
      if (lapsed.length > 0) await giveOn(trx, deps, LAPSE_CTX, callId, now)
    })
  }
  return { calls: calls.length, lapsed: due.length }
}

/** Mail to each applicant about their result, in the transaction that decided it. */
async function tell(trx: Kysely<DB>, deps: Pick<Deps, 'mail' | 'env'>, ids: string[], why: 'published' | 'changed') {
  if (ids.length === 0) return
  const rows = await resultRecipients(trx, ids)
  for (const r of rows) {
    const offered = r.status === 'offered'
    await notify(trx, deps, {
      link: '/applications',
      to: r.email,
      template: !offered ? 'waitingList' : why === 'changed' ? 'placeFreed' : 'placeOffered',
      vars: (reader) => ({
        call: reader.text(r.call_title),
        opportunity: reader.text(r.title),
        deadline: r.offer_deadline ? reader.moment(r.offer_deadline, r.time_zone) : '',
      }),
    })
  }
}

/** What the applicant is told once the allocation is published: their place, and why not higher. */
export async function resultOf(db: Kysely<DB>, callId: string, applicationId: string) {
  if (!(await publishedAllocation(db, callId))) return null
  const { built, result } = await currentState(db, callId)
  if (!(applicationId in result.assignment)) return { explanations: [] }
  return { explanations: explain(built, result.matching, result.assignment, applicationId) }
}
