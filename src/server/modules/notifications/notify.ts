import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { MailQueue } from '../mail/mail.queue.js'
import type { MailMessage } from '../mail/mailer.js'

/**
 * Tells a person something: by e-mail, and in Meridian's own list when they have an account,
 * both in the transaction that decided it (a rolled-back change tells nobody).
 */
export async function notify(trx: Kysely<DB>, mail: MailQueue, message: MailMessage & { link?: string }) {
  const { link, ...mailMessage } = message
  const user = await trx
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', message.to.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst()
  if (user)
    await trx
      .insertInto('notifications')
      .values({ user_id: user.id, subject: message.subject, body: message.text, link: link ?? null })
      .execute()
  await mail.enqueue(trx, mailMessage)
}

export async function notificationsOf(
  db: Kysely<DB>,
  userId: string,
  query: { unread?: boolean; page: number; pageSize: number },
) {
  let base = db.selectFrom('notifications').where('user_id', '=', userId)
  if (query.unread) base = base.where('read_at', 'is', null)
  const [items, counts] = await Promise.all([
    base
      .select(['id', 'subject', 'body', 'link', 'read_at', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    db
      .selectFrom('notifications')
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) filter (where read_at is null)::int`.as('unread')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ])
  return {
    items: items.map((n) => ({
      id: n.id,
      subject: n.subject,
      body: n.body,
      link: n.link,
      read: n.read_at !== null,
      createdAt: n.created_at.toISOString(),
    })),
    total: query.unread ? counts.unread : counts.total,
    unread: counts.unread,
  }
}

/** Marks the person's notifications read: those named, or all. Someone else's are left alone. */
export async function markRead(db: Kysely<DB>, userId: string, ids: string[] | null) {
  if (ids?.length === 0) return
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) q = q.where('id', 'in', ids)
  await q.execute()
}
