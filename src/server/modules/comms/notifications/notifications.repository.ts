import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'

// Every query of in-app notifications and of whom a notice reaches; the rules are in notify.ts.

/** The active account behind an address (any case), if there is one. */
export function activeAccountByEmail(trx: Kysely<DB>, email: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'locale'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst()
}

/** The language the home institution writes to people without an account in. */
export async function homeLanguage(trx: Kysely<DB>): Promise<string | undefined> {
  return (await trx.selectFrom('institutions').select('default_language').where('is_home', '=', true).executeTakeFirst())
    ?.default_language
}

export async function insertNotification(
  trx: Kysely<DB>,
  values: { user_id: string; subject: string; body: string; link: string | null },
) {
  await trx.insertInto('notifications').values(values).execute()
}

/** A page of a person's notifications, newest first, with how many there are and how many are unread. */
export async function notificationPage(
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
  return { items, counts }
}

/** Marks a person's unread notifications read: those named, or all. */
export async function markNotificationsRead(db: Kysely<DB>, userId: string, ids: string[] | null) {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) q = q.where('id', 'in', ids)
  await q.execute()
}
