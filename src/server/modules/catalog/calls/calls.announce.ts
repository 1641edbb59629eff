import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import { notify } from '../../comms/notifications/notify.js'

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
      const due = await trx
        .selectFrom('calls')
        .select(['id', 'title', 'closes_at', 'time_zone', 'academic_year'])
        .where('status', '=', 'published')
        .where('opening_announced_at', 'is', null)
        .where('opens_at', '<=', now)
        .orderBy('opens_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute()
      for (const call of due) {
        mails += await announce(trx, deps, call, now)
        await trx.updateTable('calls').set({ opening_announced_at: now }).where('id', '=', call.id).execute()
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
  const alerts = await trx
    .deleteFrom('opportunity_alerts as a')
    .using(['call_offers as c', 'opportunities as o', 'users as u'])
    .whereRef('c.opportunity_id', '=', 'a.opportunity_id')
    .whereRef('o.id', '=', 'a.opportunity_id')
    .whereRef('u.id', '=', 'a.user_id')
    .where('c.call_id', '=', call.id)
    .where('o.status', '=', 'published')
    .where('u.active', '=', true)
    .returning(['u.email', 'o.id as opportunity_id', 'o.title'])
    .execute()
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
