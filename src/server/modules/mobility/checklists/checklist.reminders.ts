import { sql } from 'kysely'
import { type ChecklistItem, daysUntil, EXPIRY_REMINDER_DAYS, reminderDue } from '../../../../shared/checklist.js'
import type { MailDeps } from '../../../deps.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { notify } from '../../comms/notifications/notify.js'

/**
 * The daily watch over expiring checklist items (issue 6, decision 025): 30 and 7 days before an
 * item lapses, and on the day, the student and the nominating officer are told, once per step,
 * while the mobility is being prepared or under way. Safe to run twice a day: each reminder is
 * recorded in the transaction that queues its mail.
 */
export async function remindExpiringItems(deps: MailDeps, today = todayUtc(deps.clock.now())) {
  const horizon = addDays(today, EXPIRY_REMINDER_DAYS[0])
  const rows = await deps.db
    .selectFrom('checklist_items as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .select(['c.application_id', 'c.item', 'c.expires_on', 'c.reminded_days', 'u.name', 'u.email', 'n.email as officer_email'])
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '<=', horizon)
    .where('c.status', 'in', ['submitted', 'verified'])
    .where('a.status', '=', 'host_accepted')
    .where((eb) => eb.or([eb('m.status', 'is', null), eb('m.status', '=', 'abroad')]))
    .orderBy('c.expires_on')
    .execute()
  let sent = 0
  for (const r of rows) {
    const days = daysUntil(r.expires_on!, today)
    const due = reminderDue(days, r.reminded_days)
    if (due === null) continue
    await deps.db.transaction().execute(async (trx) => {
      // Taken only if no other run has sent this step meanwhile.
      const claimed = await trx
        .updateTable('checklist_items')
        .set({ reminded_days: due })
        .where('application_id', '=', r.application_id)
        .where('item', '=', r.item)
        .where('expires_on', '=', r.expires_on!)
        .where(sql<boolean>`coalesce(reminded_days, 2147483647) > ${due}`)
        .executeTakeFirst()
      if (!claimed.numUpdatedRows) return
      const item = r.item as ChecklistItem
      const link = `/mobilities/${r.application_id}`
      const expiring = days > 0
      await notify(trx, deps, {
        link,
        to: r.email,
        template: expiring ? 'itemExpiring' : 'itemExpired',
        vars: (reader) => ({ item: reader.pack.items[item], date: reader.day(r.expires_on!), days }),
      })
      const recipients = 1 + (r.officer_email ? 1 : 0)
      if (r.officer_email)
        await notify(trx, deps, {
          link,
          to: r.officer_email,
          template: expiring ? 'studentItemExpiring' : 'studentItemExpired',
          vars: (reader) => ({ student: r.name, item: reader.pack.items[item], date: reader.day(r.expires_on!), days }),
        })
      sent += recipients
    })
  }
  return { checked: rows.length, sent }
}
