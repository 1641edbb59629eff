import { z } from 'zod'
import { CHECKLIST_ITEMS } from '../../../../shared/checklist.js'
import { CalendarDate, Text } from '../../../kernel/schema.js'
import { LanguageSkill } from '../../registry/agreements/agreements.schema.js'

const Required = (max: number) => Text(max).min(1, 'is required')
const Optional = (max: number) =>
  Text(max)
    .nullable()
    .default(null)
    .transform((v) => v || null)
const Phone = Text(40).regex(/^\+?[0-9 ()./-]{6,40}$/, 'must be a telephone number such as +351 253 604 000')

/** One submission of an item: what it records, by item, and its expiry where it has one. */
const entry = <I extends string, D extends z.ZodRawShape>(item: I, details: D) =>
  z
    .object({
      item: z.literal(item),
      details: z.object(details).strict(),
      expiresOn: CalendarDate.nullable().default(null).describe('The last day the proof is valid'),
    })
    .strict()

export const ChecklistSubmission = z.discriminatedUnion('item', [
  entry('insurance', { provider: Required(120), policyNumber: Required(60) }),
  entry('immunisations', {
    doses: z
      .array(z.object({ vaccine: Required(80), date: CalendarDate }).strict())
      .min(1, 'must list at least one dose')
      .max(30),
  }),
  entry('bls', { issuer: Required(120) }),
  entry('acls', { issuer: Required(120) }),
  entry('background_check', { issuedOn: CalendarDate }),
  entry('visa', { number: Required(40) }),
  entry('language_certificate', {
    language: LanguageSkill.shape.language,
    level: LanguageSkill.shape.cefr,
    issuer: Required(120),
  }),
  entry('emergency_contact', {
    name: Required(120),
    relationship: Required(60),
    phone: Phone,
    email: z
      .union([z.email('must be an e-mail address'), z.literal('')])
      .nullable()
      .default(null)
      .transform((v) => v || null),
  }),
  entry('travel', { departOn: CalendarDate, returnOn: CalendarDate, note: Optional(300) }),
])
export type ChecklistSubmission = z.infer<typeof ChecklistSubmission>

export const ItemParams = z.object({ id: z.uuid('must be a UUID'), item: z.enum(CHECKLIST_ITEMS) }).strict()

export { ChecklistView } from '../../../../shared/api/checklist.js'
