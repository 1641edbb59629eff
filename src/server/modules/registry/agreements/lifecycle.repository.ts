import { type Kysely, sql } from 'kysely'
import { IN_FORCE } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import { addDays } from '../../../kernel/dates.js'

// The daily job's queries (lifecycle.ts): agreements moved by their dates, and end-of-term reminders.

/** The agreements whose dates move them today (to start, to be marked expiring, to expire), locked; others running skip them. */
export function dueByDate(trx: Kysely<DB>, today: string, window: string, limit: number) {
  return trx
    .selectFrom('agreements')
    .select(['id', 'status', 'start_date', 'end_date'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'signed'), eb('start_date', '<=', today)]),
        eb.and([eb('status', '=', 'active'), eb('end_date', '<=', window)]),
        eb.and([eb('status', 'in', ['signed', 'active', 'expiring']), eb('end_date', '<', today)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

/** Forgets the list indexes' removals older than a month (every index has read them within a day). */
export async function forgetOldRemovals(db: Kysely<DB>) {
  await db.deleteFrom('registry_removed').where('removed_at', '<', sql<Date>`now() - interval '30 days'`).execute()
}

/**
 * The agreements in force ending within the widest reminder window that have not been reminded at
 * the tightest threshold they have reached, with their responsible person; locked, others skip them.
 */
export function dueReminders(trx: Kysely<DB>, days: number[], today: string, limit: number) {
  const ascending = [...days].sort((a, b) => a - b)
  const left = sql`(a.end_date - ${today}::date)`
  const threshold = sql<number>`case ${sql.join(
    ascending.map((d) => sql`when ${left} <= ${d} then ${d}::int`),
    sql` `,
  )} end`
  return trx
    .selectFrom('agreements as a')
    .leftJoin('users as u', 'u.id', 'a.responsible_id')
    .select(['a.id', 'a.reference', 'a.title', 'a.end_date', 'u.email', 'u.active', threshold.as('threshold')])
    .where('a.status', 'in', IN_FORCE)
    .where('a.end_date', '>=', today)
    .where('a.end_date', '<=', addDays(today, Math.max(...days)))
    .where(
      sql<boolean>`not exists (select 1 from agreement_reminders r
        where r.agreement_id = a.id and r.end_date = a.end_date and r.days = ${threshold})`,
    )
    .orderBy('a.id')
    .limit(limit)
    .forUpdate('a')
    .skipLocked()
    .execute()
}

/** Records the reminder thresholds passed for an agreement's end date (again is fine). */
export async function recordReminders(trx: Kysely<DB>, agreementId: string, endDate: string, days: number[]) {
  await trx
    .insertInto('agreement_reminders')
    .values(days.map((d) => ({ agreement_id: agreementId, end_date: endDate, days: d })))
    .onConflict((oc) => oc.columns(['agreement_id', 'end_date', 'days']).doNothing())
    .execute()
}

/** The active officers and admins, who hear when an agreement's responsible person cannot. */
export function activeOfficers(trx: Kysely<DB>) {
  return trx
    .selectFrom('users')
    .select(['email', 'name'])
    .where('role', 'in', ['officer', 'admin'])
    .where('active', '=', true)
    .execute()
}
