import { sql } from 'kysely'
import { type ChecklistItem, daysUntil, EXPIRY_REMINDER_DAYS, reminderDue } from '../../../shared/checklist.js'
import type { Deps } from '../../deps.js'
import { addDays, todayUtc } from '../agreements/agreements.repository.js'
import { notify } from '../notifications/notify.js'
import { ITEM_NAMES } from './checklist.service.js'

/**
 * The daily watch over expiring checklist items (issue 6, decision 025): 30 and 7 days before an
 * item lapses, and on the day, the student and the nominating officer are told, once per step,
 * while the mobility is being prepared or under way. Safe to run twice a day: each reminder is
 * recorded in the transaction that queues its mail.
 */
export async function remindExpiringItems(deps: Pick<Deps, 'db' | 'mail' | 'env'>, today = todayUtc()) {
  const horizon = addDays(today, EXPIRY_REMINDER_DAYS[0])
  const rows = await deps.db
    .selectFrom('checklist_items as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .select([
      'c.application_id',
      'c.item',
      'c.expires_on',
      'c.reminded_days',
      'u.name',
      'u.email',
      'n.email as officer_email',
      'n.name as officer_name',
    ])
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
      const what = ITEM_NAMES[r.item as ChecklistItem]
      const when = days > 0 ? `expires in ${days} day${days === 1 ? '' : 's'}, on ${r.expires_on}` : `expired on ${r.expires_on}`
      const link = `/mobilities/${r.application_id}`
      const recipients = [{ email: r.email, name: r.name, own: true }]
      if (r.officer_email) recipients.push({ email: r.officer_email, name: r.officer_name ?? '', own: false })
      for (const to of recipients) {
        await notify(trx, deps.mail, {
          link,
          to: to.email,
          subject: `Checklist: ${to.own ? 'your' : `${r.name}'s`} ${what} ${days > 0 ? 'expires soon' : 'has expired'}`,
          text: [
            `Dear ${to.name},`,
            '',
            `${to.own ? 'Your' : `${r.name}'s`} ${what} ${when}.`,
            to.own
              ? 'Please renew it and upload the new proof in Meridian.'
              : 'The student has been told to renew it and upload the new proof.',
            '',
            `${deps.env.publicUrl}${link}`,
            '',
            'Meridian',
          ].join('\n'),
        })
      }
      sent += recipients.length
    })
  }
  return { checked: rows.length, sent }
}
