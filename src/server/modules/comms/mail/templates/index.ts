import type { Kysely } from 'kysely'
import { LANGUAGES, type Language } from '../../../../../shared/limits.js'
import {
  MAIL_TEMPLATE_KEYS,
  MAIL_TEMPLATES,
  type MailTemplateKey,
  type MailText,
  type MailVars,
  renderMail,
  templateProblems,
} from '../../../../../shared/mail-templates.js'
import { inLanguage } from '../../../../../shared/text.js'
import type { DB } from '../../../../db/schema.js'
import type { Ctx } from '../../../../http/context.js'
import { AppError } from '../../../../http/errors.js'
import { recordAudit } from '../../../../kernel/audit.js'
import { en } from './en.js'
import { ko } from './ko.js'
import { mn } from './mn.js'
import type { MailLanguagePack } from './pack.js'
import { pt } from './pt.js'
import { ru } from './ru.js'
import { customisations, customTemplate, customTemplateDetail, removeTemplate, upsertTemplate } from './templates.repository.js'

// Which text a mail is written from (decision 031): the admin's version of the template in the
// reader's language when there is one, else Meridian's own in that language.

export const PACKS: Record<Language, MailLanguagePack> = { en, ru, pt, ko, mn }

export const asLanguage = (locale: string | null | undefined): Language =>
  (LANGUAGES as readonly string[]).includes(locale ?? '') ? (locale as Language) : 'en'

/** What a sender needs to write in the reader's language: the words, and dates as the reader reads them. */
export interface Reader {
  locale: Language
  pack: MailLanguagePack
  /** A calendar day (YYYY-MM-DD), written out. */
  day(iso: string): string
  /** A moment in a time zone, with the zone named. */
  moment(at: Date, timeZone: string): string
  /** A text kept in several languages, in the reader's (else English, else any). */
  text(value: Record<string, string> | null | undefined): string
}

export function readerOf(locale: string | null | undefined): Reader {
  const lang = asLanguage(locale)
  const days = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })
  return {
    locale: lang,
    pack: PACKS[lang],
    day: (iso) => days.format(new Date(`${iso}T00:00:00Z`)),
    moment: (at, timeZone) =>
      `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at)} (${timeZone})`,
    text: (value) => inLanguage(value, lang),
  }
}

/** The template in force for this language. */
export async function templateInForce(db: Kysely<DB>, key: MailTemplateKey, locale: Language): Promise<MailText> {
  const custom = await customTemplate(db, key, locale)
  return custom ? { subject: custom.subject, text: custom.body } : PACKS[locale].templates[key]
}

export async function composeMail<K extends MailTemplateKey>(
  db: Kysely<DB>,
  key: K,
  locale: Language,
  vars: MailVars<K> & { link: string },
): Promise<MailText> {
  return renderMail(await templateInForce(db, key, locale), vars)
}

/** Every template and language: whether the admin has rewritten it, when and by whom. */
export async function templateOverview(db: Kysely<DB>) {
  const custom = await customisations(db)
  const byKey = new Map<string, Record<string, { updatedAt: string; updatedBy: string | null }>>()
  for (const c of custom)
    byKey.set(c.key, { ...byKey.get(c.key), [c.locale]: { updatedAt: c.updated_at.toISOString(), updatedBy: c.updated_by } })
  return MAIL_TEMPLATE_KEYS.map((key) => ({
    key,
    group: MAIL_TEMPLATES[key].group,
    customised: byKey.get(key) ?? {},
  }))
}

/** One template in one language: the text in force, Meridian's default, and who changed it last. */
export async function templateDetail(db: Kysely<DB>, key: MailTemplateKey, locale: Language) {
  const custom = await customTemplateDetail(db, key, locale)
  const standard = PACKS[locale].templates[key]
  return {
    key,
    locale,
    subject: custom?.subject ?? standard.subject,
    text: custom?.body ?? standard.text,
    customised: !!custom,
    updatedAt: custom?.updated_at.toISOString() ?? null,
    updatedBy: custom?.updated_by ?? null,
    standard,
  }
}

/** An admin's version replaces the default; refused with every problem named by field. */
export async function saveTemplate(db: Kysely<DB>, ctx: Ctx, key: MailTemplateKey, locale: Language, input: MailText) {
  const problems = templateProblems(key, input)
  if (problems.length) throw AppError.fields(problems)
  await db.transaction().execute(async (trx) => {
    const before = await templateInForce(trx, key, locale)
    await upsertTemplate(trx, { key, locale, subject: input.subject, body: input.text, updatedBy: ctx.actor!.id })
    await recordAudit(trx, ctx, {
      entityType: 'mail_template',
      entityId: `${key}/${locale}`,
      action: 'update',
      before,
      after: input,
    })
  })
}

/** Back to Meridian's text; nothing happens to a template that was not changed. */
export async function resetTemplate(db: Kysely<DB>, ctx: Ctx, key: MailTemplateKey, locale: Language) {
  await db.transaction().execute(async (trx) => {
    const removed = await removeTemplate(trx, key, locale)
    if (!removed) return
    await recordAudit(trx, ctx, {
      entityType: 'mail_template',
      entityId: `${key}/${locale}`,
      action: 'reset',
      before: { subject: removed.subject, text: removed.body },
      after: PACKS[locale].templates[key],
    })
  })
}
