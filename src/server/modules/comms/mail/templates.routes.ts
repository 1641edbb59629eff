import { z } from 'zod'
import { MailTextSchema, TemplateDetailSchema, TemplateOverviewSchema } from '../../../../shared/api/mail-templates.js'
import { LANGUAGES } from '../../../../shared/limits.js'
import { MAIL_TEMPLATE_KEYS, type MailTemplateKey } from '../../../../shared/mail-templates.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AdminOnly } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { resetTemplate, saveTemplate, templateDetail, templateOverview } from './templates/index.js'

const Params = z.object({
  key: z.enum(MAIL_TEMPLATE_KEYS as [MailTemplateKey, ...MailTemplateKey[]], 'is not a mail template of Meridian'),
  locale: z.enum(LANGUAGES, 'is not a language of Meridian'),
})

/** The mail templates, for admins: read each in each language, rewrite it, or go back to Meridian's. */
export function mailTemplateRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/admin/mail-templates',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: 'The mail templates and the languages rewritten',
        response: { 200: TemplateOverviewSchema },
      },
    },
    async () => templateOverview(deps.db),
  )

  app.get(
    '/api/admin/mail-templates/:key/:locale',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: 'One mail template in one language',
        params: Params,
        response: { 200: TemplateDetailSchema },
      },
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
        body: MailTextSchema.extend({ subject: z.string().max(1000), text: z.string().max(20_000) }).strict(),
        response: { 200: TemplateDetailSchema },
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
        response: { 200: TemplateDetailSchema },
      },
    },
    async (request) => {
      const { key, locale } = request.params
      await resetTemplate(deps.db, ctxOf(request), key, locale)
      return templateDetail(deps.db, key, locale)
    },
  )
}
