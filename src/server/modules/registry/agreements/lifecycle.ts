import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import { systemCtx } from '../../../http/context.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { notify } from '../../comms/notifications/notify.js'
import { reminderDays } from './agreements.settings.js'
import { agreementLifecycle } from './agreements.status.js'
import { activeOfficers, dueByDate, dueReminders, forgetOldRemovals, recordReminders } from './lifecycle.repository.js'

export interface DailyResult {
  activated: number
  expiring: number
  expired: number
  reminders: number
}

/** Agreements are moved and reminded in batches, each its own transaction, so the job never holds the database for long. */
const BATCH = 100

/**
 * The daily pass over agreements, by their dates (UTC): signed ones whose start has come become
 * active; active ones within the first reminder window become expiring; those past their end
 * become expired; and a reminder goes to the responsible officer at each configured number of
 * days before the end. Safe to run any number of times a day: every step depends on the state it
 * changes, and each reminder is recorded in the transaction that queues it.
 */
export async function runDailyLifecycle(
  deps: MailDeps,
  today = todayUtc(deps.clock.now()),
  shouldStop: () => boolean = () => false,
): Promise<DailyResult> {
  const ctx = systemCtx('agreements-daily')
  const days = await reminderDays(deps.db)
  const window = addDays(today, Math.max(...days))
  const result: DailyResult = { activated: 0, expiring: 0, expired: 0, reminders: 0 }
  for (;;) {
    if (shouldStop()) return result
    const moved = await deps.db.transaction().execute(async (trx) => {
      const batch = await dueByDate(trx, today, window, BATCH)
      for (const a of batch) {
        let status = a.status
        if (a.end_date && a.end_date < today) {
          await agreementLifecycle.take(trx, ctx, { id: a.id, status }, 'expire', {})
          result.expired++
          continue
        }
        if (status === 'signed') {
          await agreementLifecycle.take(trx, ctx, { id: a.id, status }, 'activate', {})
          status = 'active'
          result.activated++
        }
        if (status === 'active' && a.end_date && a.end_date <= window) {
          await agreementLifecycle.take(trx, ctx, { id: a.id, status }, 'mark_expiring', {})
          result.expiring++
        }
      }
      return batch.length
    })
    if (moved < BATCH) break
  }
  for (;;) {
    if (shouldStop()) return result
    const sent = await deps.db.transaction().execute((trx) => sendReminders(trx, deps, days, today))
    result.reminders += sent.mails
    if (sent.agreements < BATCH) break
  }
  // Every list index has read a removal within a day (decision 023); keep them a month.
  await forgetOldRemovals(deps.db)
  return result
}

async function sendReminders(trx: Kysely<DB>, deps: Pick<Deps, 'mail' | 'env'>, days: number[], today: string) {
  const due = await dueReminders(trx, days, today, BATCH)
  let mails = 0
  const officers = due.some((a) => !(a.email && a.active)) ? await activeOfficers(trx) : []
  for (const a of due) {
    const left = Math.round((Date.parse(a.end_date!) - Date.parse(today)) / 86_400_000)
    // Only the nearest threshold is mailed; the wider ones it passed are recorded as done.
    await recordReminders(
      trx,
      a.id,
      a.end_date!,
      days.filter((d) => d >= a.threshold),
    )
    const recipients = a.email && a.active ? [{ email: a.email }] : officers
    for (const to of recipients) {
      await notify(trx, deps, {
        link: `/agreements/${a.id}`,
        to: to.email,
        template: 'agreementEnding',
        vars: (r) => ({ reference: a.reference, title: a.title, endDate: r.day(a.end_date!), days: left }),
      })
      mails++
    }
  }
  return { agreements: due.length, mails }
}
