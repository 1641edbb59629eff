import type { Kysely } from 'kysely'
import type { Language } from '../../../../../shared/limits.js'
import type { MailTemplateKey } from '../../../../../shared/mail-templates.js'
import type { DB } from '../../../../db/schema.js'

// Every query of the admins' own mail templates; the rules and the defaults are in index.ts.

export function customTemplate(db: Kysely<DB>, key: MailTemplateKey, locale: Language) {
  return db
    .selectFrom('mail_templates')
    .select(['subject', 'body'])
    .where('key', '=', key)
    .where('locale', '=', locale)
    .executeTakeFirst()
}

/** Which templates and languages were rewritten, when and by whom. */
export function customisations(db: Kysely<DB>) {
  return db
    .selectFrom('mail_templates as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .select(['t.key', 't.locale', 't.updated_at', 'u.name as updated_by'])
    .execute()
}

export function customTemplateDetail(db: Kysely<DB>, key: MailTemplateKey, locale: Language) {
  return db
    .selectFrom('mail_templates as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .select(['t.subject', 't.body', 't.updated_at', 'u.name as updated_by'])
    .where('t.key', '=', key)
    .where('t.locale', '=', locale)
    .executeTakeFirst()
}

export async function upsertTemplate(
  trx: Kysely<DB>,
  t: { key: MailTemplateKey; locale: Language; subject: string; body: string; updatedBy: string },
) {
  await trx
    .insertInto('mail_templates')
    .values({ key: t.key, locale: t.locale, subject: t.subject, body: t.body, updated_by: t.updatedBy })
    .onConflict((oc) =>
      oc
        .columns(['key', 'locale'])
        .doUpdateSet({ subject: t.subject, body: t.body, updated_by: t.updatedBy, updated_at: new Date() }),
    )
    .execute()
}

/** Removes an admin's version; what it was, if there was one. */
export function removeTemplate(trx: Kysely<DB>, key: MailTemplateKey, locale: Language) {
  return trx
    .deleteFrom('mail_templates')
    .where('key', '=', key)
    .where('locale', '=', locale)
    .returning(['subject', 'body'])
    .executeTakeFirst()
}
