import { type ChecklistItem, daysUntil, EXPIRY_REMINDER_DAYS, reminderDue } from '../../../../shared/checklist.js'
import type { MailDeps } from '../../../deps.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { notify } from '../../comms/notifications/notify.js'
import { claimReminder, expiringItems } from './checklist.repository.js'

/**
 * The daily watch over expiring checklist items (issue 6, decision 025): 30 and 7 days before an
 * item lapses, and on the day, the student and the nominating officer are told, once per step,
 * while the mobility is being prepared or under way. Safe to run twice a day: each reminder is
 * recorded in the transaction that queues its mail.
 */
export async function remindExpiringItems(deps: MailDeps, today = todayUtc(deps.clock.now())) {
  const horizon = addDays(today, EXPIRY_REMINDER_DAYS[0])
  const rows = await expiringItems(deps.db, horizon)
  let sent = 0
  for (const r of rows) {
    const days = daysUntil(r.expires_on!, today)
    const due = reminderDue(days, r.reminded_days)
    if (due === null) continue
    await deps.db.transaction().execute(async (trx) => {
      // Taken only if no other run has sent this step meanwhile.
      if (!(await claimReminder(trx, { ...r, expires_on: r.expires_on! }, due))) return
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
