import { z } from 'zod'
import { LANGUAGES } from '../limits.js'
import { MAIL_GROUPS, MAIL_TEMPLATE_KEYS, type MailTemplateKey } from '../mail-templates.js'

// The mail templates as the admin's settings page reads them.

export const MailTextSchema = z.object({ subject: z.string(), text: z.string() })

const Customised = z.object({ updatedAt: z.string(), updatedBy: z.string().nullable() })
const TemplateKey = z.enum(MAIL_TEMPLATE_KEYS as [MailTemplateKey, ...MailTemplateKey[]])

/** Every template, with the languages an admin has rewritten. */
export const TemplateOverviewSchema = z.array(
  z.object({
    key: TemplateKey,
    group: z.enum(MAIL_GROUPS),
    customised: z.partialRecord(z.enum(LANGUAGES), Customised).describe('The languages an admin has rewritten, by language code'),
  }),
)

/** One template in one language: the text in force, Meridian's own, and who changed it last. */
export const TemplateDetailSchema = MailTextSchema.extend({
  key: TemplateKey,
  locale: z.enum(LANGUAGES),
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  standard: MailTextSchema.describe("Meridian's own text, which a reset restores"),
})

export type TemplateOverviewDto = z.infer<typeof TemplateOverviewSchema>
export type TemplateDetailDto = z.infer<typeof TemplateDetailSchema>
