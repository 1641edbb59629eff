import { z } from 'zod'
import {
  ERASMUS_CODE,
  isCountryCode,
  normaliseErasmusCode,
  normaliseRorId,
  ROR_ID,
  SCHAC_ID,
} from '../../../shared/identifiers.js'
import { LANGUAGES, LOGO_MAX_BYTES } from '../../../shared/limits.js'

export const INSTITUTION_KINDS = [
  'university',
  'hospital',
  'research_institute',
  'ngo',
  'international_organisation',
  'other',
] as const
export const InstitutionKind = z.enum(INSTITUTION_KINDS)

export const CountryCode = z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as PT or KR')
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

export const InstitutionSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: InstitutionKind,
    country: z.string(),
    city: z.string().nullable(),
    website: z.string().nullable(),
    erasmusCode: z.string().nullable(),
    schacId: z.string().nullable(),
    rorId: z.string().nullable(),
    isHome: z.boolean(),
  })
  .meta({ id: 'Institution' })
export type InstitutionDto = z.infer<typeof InstitutionSchema>

export const InstitutionListQuery = z
  .object({ q: z.string().trim().max(200).optional(), partnersOnly: z.enum(['true', 'false']).optional() })
  .strict()

export const HomeSettingsSchema = InstitutionSchema.extend({
  languages: z.array(z.enum(LANGUAGES)),
  defaultLanguage: z.enum(LANGUAGES),
  hasLogo: z.boolean(),
  updatedAt: z.string(),
  /** True while the demo accounts exist (a fresh embedded install). */
  demoAccounts: z.boolean().optional(),
}).meta({ id: 'HomeInstitutionSettings' })

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
