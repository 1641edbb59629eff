import type { Kysely } from 'kysely'
import type { MailTemplateKey, MailVars } from '../../../../shared/mail-templates.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { MailAttachment } from '../mail/mailer.js'
import { composeMail, type Reader, readerOf } from '../mail/templates/index.js'
import {
  activeAccountByEmail,
  homeLanguage,
  insertNotification,
  markNotificationsRead,
  notificationPage,
} from './notifications.repository.js'

/** One message: the template, its values in the reader's language, and the page it is about. */
export interface Notice<K extends MailTemplateKey> {
  to: string
  template: K
  /** The values; a function when they depend on the reader's language (names of things, dates). */
  vars: NoticeVars<K> | ((reader: Reader) => NoticeVars<K>)
  /** The page in Meridian, linked from the in-app list and from the mail. */
  link?: string
  /** The mail's link when it is not the page's (a link with a token, which only the mail carries). */
  url?: string
  /** Whether it also goes in the person's in-app list (not for tokens, nor for the digest). */
  inApp?: boolean
  /** The language of someone without an account; an account's own language wins. */
  locale?: string
  /** Files to send with the mail, made in the reader's language (a letter); not kept in the in-app list. */
  attachments?: (reader: Reader) => Promise<MailAttachment[]>
}
type NoticeVars<K extends MailTemplateKey> = Omit<MailVars<K>, 'name'> & { name?: string }

/**
 * Tells a person something: by e-mail, from the template in their language, and in Meridian's own
 * list when they have an account, both in the transaction that decided it (a rolled-back change
 * tells nobody). Someone without an account reads the home institution's default language.
 */
export async function notify<K extends MailTemplateKey>(trx: Kysely<DB>, deps: Pick<Deps, 'mail' | 'env'>, notice: Notice<K>) {
  const user = await activeAccountByEmail(trx, notice.to)
  const locale = user?.locale ?? notice.locale ?? (await homeLanguage(trx))
  const reader = readerOf(locale)
  const vars = typeof notice.vars === 'function' ? notice.vars(reader) : notice.vars
  const link = notice.url ?? `${deps.env.publicUrl}${notice.link ?? ''}`
  const mail = await composeMail(trx, notice.template, reader.locale, {
    ...vars,
    name: vars.name ?? user?.name ?? '',
    link,
  } as MailVars<K> & { link: string })
  if (user && notice.inApp !== false)
    await insertNotification(trx, { user_id: user.id, subject: mail.subject, body: mail.text, link: notice.link ?? null })
  const attachments = notice.attachments ? await notice.attachments(reader) : []
  await deps.mail.enqueue(trx, {
    to: notice.to,
    subject: mail.subject,
    text: mail.text,
    ...(attachments.length ? { attachments } : {}),
  })
}

export async function notificationsOf(
  db: Kysely<DB>,
  userId: string,
  query: { unread?: boolean; page: number; pageSize: number },
) {
  const { items, counts } = await notificationPage(db, userId, query)
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
  await markNotificationsRead(db, userId, ids)
}
