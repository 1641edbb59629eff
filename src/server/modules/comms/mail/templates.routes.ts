import { z } from 'zod'
import { LANGUAGES } from '../../../../shared/limits.js'
import { MAIL_GROUPS, MAIL_TEMPLATE_KEYS, type MailTemplateKey } from '../../../../shared/mail-templates.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AdminOnly } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { resetTemplate, saveTemplate, templateDetail, templateOverview } from './templates/index.js'

const Params = z.object({
  key: z.enum(MAIL_TEMPLATE_KEYS as [MailTemplateKey, ...MailTemplateKey[]], 'is not a mail template of Meridian'),
  locale: z.enum(LANGUAGES, 'is not a language of Meridian'),
})

const MailText = z.object({ subject: z.string(), text: z.string() })

const Customised = z.object({ updatedAt: z.string(), updatedBy: z.string().nullable() })

const Overview = z.array(
  z.object({
    key: z.string(),
    group: z.enum(MAIL_GROUPS),
    customised: z.record(z.string(), Customised).describe('The languages an admin has rewritten, by language code'),
  }),
)

const Detail = MailText.extend({
  key: z.string(),
  locale: z.string(),
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  standard: MailText.describe("Meridian's own text, which a reset restores"),
})

/** The mail templates, for admins: read each in each language, rewrite it, or go back to Meridian's. */
export function mailTemplateRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/admin/mail-templates',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['settings'], summary: 'The mail templates and the languages rewritten', response: { 200: Overview } },
    },
    async () => templateOverview(deps.db),
  )

  app.get(
    '/api/admin/mail-templates/:key/:locale',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['settings'], summary: 'One mail template in one language', params: Params, response: { 200: Detail } },
    },
    async (request) => templateDetail(deps.db, request.params.key, request.params.locale),
  )

  app.put(
    '/api/admin/mail-templates/:key/:locale',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: "Rewrite a mail template in one language (it replaces Meridian's text there)",
        params: Params,
        body: MailText.extend({ subject: z.string().max(1000), text: z.string().max(20_000) }).strict(),
        response: { 200: Detail },
      },
    },
    async (request) => {
      const { key, locale } = request.params
      await saveTemplate(deps.db, ctxOf(request), key, locale, request.body)
      return templateDetail(deps.db, key, locale)
    },
  )

  app.delete(
    '/api/admin/mail-templates/:key/:locale',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: "Go back to Meridian's text for a mail template in one language",
        params: Params,
        response: { 200: Detail },
      },
    },
    async (request) => {
      const { key, locale } = request.params
      await resetTemplate(deps.db, ctxOf(request), key, locale)
      return templateDetail(deps.db, key, locale)
    },
  )
}
