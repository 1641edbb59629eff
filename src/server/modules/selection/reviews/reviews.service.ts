import type { Kysely } from 'kysely'
import type { CallCriterion, DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'
import { managedCall } from '../../applications/applications/applications.policy.js'
import { notify } from '../../comms/notifications/notify.js'
import {
  accountsOf,
  callHeading,
  callReviews,
  MAY_REVIEW,
  ownReview,
  queueRows,
  replaceReviewers,
  reviewerRow,
  reviewersOf,
  upsertReview,
} from './reviews.repository.js'

// Review (issue 6): the office names a call's reviewers; each scores every submitted application
// on the call's criteria (0-100 each), unless they declare a conflict with it, after which they
// no longer see it. An application's score is the weighted sum of its reviewers' mean per criterion.

/** Names a call's reviewers; those newly named are told, the others are not told again. */
export async function setReviewers(deps: MailDeps, ctx: Ctx, callId: string, userIds: string[]) {
  await deps.db.transaction().execute(async (trx) => {
    await managedCall(trx, ctx.actor!, callId)
    const users = await accountsOf(trx, userIds)
    userIds.forEach((id, i) => {
      const u = users.find((x) => x.id === id)
      if (!u?.active) throw AppError.validation(`body.userIds.${i}`, 'is not an active account')
      if (!(MAY_REVIEW as readonly string[]).includes(u.role))
        throw AppError.validation(`body.userIds.${i}`, `is a ${u.role}; reviewers are committee members or office staff`)
    })
    const before = (await reviewersOf(trx, callId)).map((r) => r.id)
    await replaceReviewers(trx, callId, userIds)
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: callId,
      action: 'set_reviewers',
      before: { userIds: before },
      after: { userIds },
    })
    const call = await callHeading(trx, callId)
    for (const u of users.filter((x) => !before.includes(x.id)))
      await notify(trx, deps, {
        to: u.email,
        template: 'reviewerAssigned',
        link: '/reviews',
        vars: (r) => ({ call: r.text(call.title), year: call.academic_year }),
      })
  })
}

/** The applications a person reviews, call by call, with their own review of each. */
export async function reviewQueue(db: Kysely<DB>, actor: Actor) {
  const rows = await queueRows(db, actor)
  return rows.map((r) => ({
    callId: r.call_id,
    callTitle: r.call_title,
    applicationId: r.id,
    applicantName: r.name,
    conflict: r.conflict === true,
    complete: r.conflict !== true && isComplete(r.criteria, r.scores ?? {}),
    locked: r.published_at !== null,
  }))
}

function isComplete(criteria: CallCriterion[], scores: Record<string, number>): boolean {
  return criteria.length > 0 && criteria.every((c) => typeof scores[c.key] === 'number')
}

/** The reviewer's own row for an application they may review: assigned, no conflict, not yet allocated. */
async function reviewable(trx: Kysely<DB>, actor: Actor, applicationId: string) {
  const app = await reviewerRow(trx, actor, applicationId)
  if (!app || app.conflict) throw AppError.notFound('The application')
  if (app.published_at)
    throw new AppError(AppErrorCode.CONFLICT, "The call's allocation is published; reviews can no longer change.")
  return app
}

export async function myReview(db: Kysely<DB>, actor: Actor, applicationId: string) {
  const row = await ownReview(db, actor, applicationId)
  return { scores: row?.scores ?? {}, comment: row?.comment ?? null }
}

export async function saveReview(
  deps: Pick<Deps, 'db'>,
  ctx: Ctx,
  applicationId: string,
  input: { scores: Record<string, number>; comment: string | null },
) {
  await deps.db.transaction().execute(async (trx) => {
    const app = await reviewable(trx, ctx.actor!, applicationId)
    const keys = new Set(app.criteria.map((c) => c.key))
    for (const key of Object.keys(input.scores))
      if (!keys.has(key))
        throw AppError.validation(`body.scores.${key}`, `is not a criterion of this call (${[...keys].join(', ')})`)
    await writeReview(trx, ctx, applicationId, { scores: JSON.stringify(input.scores), comment: input.comment }, 'review', {
      before: app.scores ? { scores: app.scores } : undefined,
      after: { scores: input.scores, comment: input.comment },
    })
  })
}

/** The reviewer will not review this application, and from now on cannot see it. */
export async function declareConflict(deps: Pick<Deps, 'db'>, ctx: Ctx, applicationId: string, note: string | null) {
  await deps.db.transaction().execute(async (trx) => {
    await reviewable(trx, ctx.actor!, applicationId)
    const values = { conflict: true, conflict_note: note, scores: '{}', comment: null }
    await writeReview(trx, ctx, applicationId, values, 'declare_conflict', { after: { note } })
  })
}

/** The reviewer's one row for the application, created or replaced, and its audit record. */
async function writeReview(
  trx: Kysely<DB>,
  ctx: Ctx,
  applicationId: string,
  fields: { scores: string; comment: string | null; conflict?: boolean; conflict_note?: string | null },
  action: 'review' | 'declare_conflict',
  audit: { before?: Record<string, unknown>; after: Record<string, unknown> },
) {
  await upsertReview(trx, { applicationId, reviewerId: ctx.actor!.id }, fields)
  await recordAudit(trx, ctx, { entityType: 'application', entityId: applicationId, action, ...audit })
}

export interface Scored {
  score: number | null
  reviews: number
}

/**
 * Each application's combined score: for every criterion the mean of its complete reviews, then
 * the sum weighted by the call's weights (which add up to 100), so 0-100. Null until reviewed.
 */
export async function scoresOf(db: Kysely<DB>, callId: string): Promise<Map<string, Scored>> {
  const { criteria, rows } = await callReviews(db, callId)
  const byApplication = new Map<string, Record<string, number>[]>()
  for (const r of rows) {
    if (!isComplete(criteria, r.scores)) continue
    byApplication.set(r.application_id, [...(byApplication.get(r.application_id) ?? []), r.scores])
  }
  const out = new Map<string, Scored>()
  for (const [id, reviews] of byApplication) {
    const score =
      criteria.reduce((sum, c) => sum + (c.weight * reviews.reduce((n, r) => n + r[c.key]!, 0)) / reviews.length, 0) / 100
    out.set(id, { score: Math.round(score * 100) / 100, reviews: reviews.length })
  }
  return out
}
