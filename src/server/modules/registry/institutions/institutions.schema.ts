import { z } from 'zod'
import {
  ERASMUS_CODE,
  INSTITUTION_KINDS,
  normaliseErasmusCode,
  normaliseRorId,
  ROR_ID,
  SCHAC_ID,
} from '../../../../shared/identifiers.js'
import { LANGUAGES, LOGO_MAX_BYTES } from '../../../../shared/limits.js'
import { csvList, PageQuery } from '../../../http/types.js'
import { CountryCode } from '../../../kernel/schema.js'

export const InstitutionKind = z.enum(INSTITUTION_KINDS)

export const ErasmusCode = z
  .string()
  .transform(normaliseErasmusCode)
  .refine((v) => ERASMUS_CODE.test(v), 'must be an Erasmus code such as "P  BRAGA01"')
export const SchacId = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .refine((v) => SCHAC_ID.test(v), 'must be a SCHAC code (a domain) such as "uminho.pt"')
export const RorId = z
  .string()
  .transform(normaliseRorId)
  .refine((v) => ROR_ID.test(v), 'must be a ROR id such as "037wpkx04" or https://ror.org/037wpkx04')
export const Website = z
  .url('must be a URL such as https://www.uminho.pt')
  .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://')

export {
  ContactSchema,
  type InstitutionDto,
  type InstitutionListItem,
  InstitutionListItemSchema,
  InstitutionSchema,
  UnitSchema,
} from '../../../../shared/api/institutions.js'

export const INSTITUTION_SORTS = ['name', 'country', 'city', 'agreements', 'updated'] as const
export const InstitutionListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    partnersOnly: z.enum(['true', 'false']).optional(),
    country: csvList(CountryCode).optional().describe('Comma-separated ISO codes'),
    kind: csvList(InstitutionKind).optional().describe('Comma-separated kinds'),
    tag: z.string().trim().max(60).optional(),
    inForce: z
      .enum(['true', 'false'])
      .optional()
      .describe('Only institutions with (true) or without (false) an agreement in force'),
    sort: z.enum(INSTITUTION_SORTS).default('name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    ...PageQuery,
  })
  .strict()
export type InstitutionFilter = z.infer<typeof InstitutionListQuery>
export const InstitutionExportQuery = InstitutionListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') })

const PHONE = /^\+?[0-9 ()./-]{5,30}$/
const ContactInput = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'is required').max(200),
    role: z.string().trim().max(200).nullable().default(null),
    email: z.email('must be an e-mail address').max(254).toLowerCase().nullable().default(null),
    phone: z.string().trim().regex(PHONE, 'must be a phone number such as +351 253 601 109').nullable().default(null),
  })
  .strict()
const UnitInput = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, 'is required').max(300),
    code: z.string().trim().max(40).nullable().default(null),
  })
  .strict()
const Tag = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(60, 'must be at most 60 characters')
  .transform((t) => t.toLowerCase())

export const InstitutionBody = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(300),
    kind: InstitutionKind,
    country: CountryCode,
    city: z.string().trim().max(200).nullable().default(null),
    website: Website.nullable().default(null),
    erasmusCode: ErasmusCode.nullable().default(null),
    schacId: SchacId.nullable().default(null),
    rorId: RorId.nullable().default(null),
    tags: z
      .array(Tag)
      .max(30)
      .default([])
      .transform((t) => [...new Set(t)]),
    notes: z.string().trim().max(5000).nullable().default(null),
    contacts: z.array(ContactInput).max(50).default([]),
    units: z
      .array(UnitInput)
      .max(200)
      .default([])
      .refine((u) => new Set(u.map((x) => x.name.toLowerCase())).size === u.length, 'must not name a unit twice'),
    /** Create even though an institution with a near-identical name exists in the same country. */
    confirmDuplicate: z.boolean().default(false),
  })
  .strict()
export type InstitutionInput = z.infer<typeof InstitutionBody>

export const SimilarQuery = z
  .object({
    name: z.string().trim().max(300).optional(),
    country: CountryCode.optional(),
    erasmusCode: ErasmusCode.optional(),
    schacId: SchacId.optional(),
    rorId: RorId.optional(),
    exclude: z.uuid().optional(),
  })
  .strict()
export { SimilarSchema } from '../../../../shared/api/institutions.js'

export const MergeBody = z.object({ into: z.uuid('must be the id of the institution to keep') }).strict()

export { HomeSettingsSchema } from '../../../../shared/api/institutions.js'

export const HomeSettingsBody = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(300),
    kind: InstitutionKind.default('university'),
    country: CountryCode,
    city: z.string().trim().max(200).nullable(),
    website: Website.nullable(),
    erasmusCode: ErasmusCode.nullable(),
    schacId: SchacId.nullable(),
    rorId: RorId.nullable(),
    languages: z
      .array(z.enum(LANGUAGES))
      .min(1, 'must list at least one language')
      .refine((l) => new Set(l).size === l.length, 'must not repeat a language'),
    defaultLanguage: z.enum(LANGUAGES),
  })
  .strict()
  .refine((b) => b.languages.includes(b.defaultLanguage), {
    path: ['defaultLanguage'],
    message: 'must be one of the enabled languages',
  })
export type HomeSettingsInput = z.infer<typeof HomeSettingsBody>

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
export const LogoBody = z
  .object({
    dataUrl: z
      .string()
      .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 100, `must be an image of at most ${LOGO_MAX_BYTES / 1024} KB`)
      .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG, JPEG or WebP image as a data: URL'),
  })
  .strict()
