import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import { notify } from '../../comms/notifications/notify.js'
import { dueAnnouncements, markAnnounced, takeAlerts } from './calls.repository.js'

const BATCH = 50

/**
 * Tells everyone who asked about an opportunity that a call offering it has opened, once per call,
 * and takes those requests off their list: the request was "tell me when it opens". The mail is
 * queued in the transaction that marks the call announced, so a crash neither loses nor repeats it.
 * Safe to run at any time and from several processes (locked rows are skipped).
 */
export async function announceOpenedCalls(deps: MailDeps, now = deps.clock.now()) {
  let calls = 0
  let mails = 0
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const due = await dueAnnouncements(trx, now, BATCH)
      for (const call of due) {
        mails += await announce(trx, deps, call, now)
        await markAnnounced(trx, call.id, now)
      }
      calls += due.length
      return due.length < BATCH
    })
    if (done) return { calls, mails }
  }
}

async function announce(
  trx: Kysely<DB>,
  deps: Pick<Deps, 'mail' | 'env'>,
  call: { id: string; title: Record<string, string>; closes_at: Date; time_zone: string; academic_year: string },
  now: Date,
): Promise<number> {
  if (call.closes_at <= now) return 0
  const alerts = await takeAlerts(trx, call.id)
  const byPerson = new Map<string, typeof alerts>()
  for (const a of alerts) byPerson.set(a.email, [...(byPerson.get(a.email) ?? []), a])
  for (const [email, rows] of byPerson)
    await notify(trx, deps, {
      link: `/calls/${call.id}`,
      to: email,
      template: 'callOpened',
      vars: (r) => ({
        call: r.text(call.title),
        year: call.academic_year,
        closes: r.moment(call.closes_at, call.time_zone),
        opportunities: rows.map((o) => `- ${r.text(o.title)}: ${deps.env.publicUrl}/catalog/${o.opportunity_id}`).join('\n'),
      }),
    })
  return byPerson.size
}
