import { z } from 'zod'
import { CEFR_LEVELS, ISCED_CODE, ISO_639_1 } from '../../../../shared/agreements.js'
import {
  COST_BUCKETS,
  DIRECTIONS,
  DURATION_BUCKETS,
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STATUSES,
  REQUIREMENTS,
  SPECIALTIES,
} from '../../../../shared/opportunities.js'
import { csvList, PageQuery } from '../../../http/types.js'
import { CalendarDate, CatalogLanguage, CountryCode, Text } from '../../../kernel/schema.js'

const Kind = z.enum(OPPORTUNITY_KINDS)
const Cefr = z.enum(CEFR_LEVELS, { error: `must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
const Language = z.string().refine((l) => ISO_639_1.has(l), 'must be an ISO 639-1 language code such as "pt"')

/** A text in the catalog's languages, at least one of them. */
export const Translated = (max: number) =>
  z
    .partialRecord(CatalogLanguage, Text(max).min(1, 'must not be empty'))
    .refine((t) => Object.keys(t).length > 0, 'must be given in at least one language')

export const BlockInput = z
  .object({
    label: Text(120).nullable().default(null),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    capacity: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10_000),
  })
  .strict()
  .refine((b) => b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' })

export const OpportunityBody = z
  .object({
    kind: Kind,
    direction: z.enum(DIRECTIONS),
    hostInstitutionId: z.uuid('must be an institution id'),
    agreementId: z.uuid('must be an agreement id').nullable().default(null),
    orgUnitId: z.uuid('must be a unit id').nullable().default(null),
    title: Translated(300),
    description: z.partialRecord(CatalogLanguage, Text(20_000)).default({}),
    isced: z.string().regex(ISCED_CODE, 'must be an ISCED-F code such as 0912').nullable().default(null),
    specialty: z.enum(SPECIALTIES).nullable().default(null),
    department: Text(200).nullable().default(null),
    languages: z
      .array(z.object({ language: Language, minLevel: Cefr.nullable().default(null) }).strict())
      .max(10)
      .default([])
      .refine((ls) => new Set(ls.map((l) => l.language)).size === ls.length, 'must not list a language twice'),
    languagePreparation: Text(2000).nullable().default(null),
    clinicalPractice: z.boolean().default(false),
    clinicalHoursPerWeek: z.number().int().min(1).max(80).nullable().default(null),
    durationWeeks: z.number().int('must be a whole number of weeks').min(1).max(260).nullable().default(null),
    yearsOfStudy: z
      .array(z.number().int().min(1).max(8))
      .max(8)
      .default([])
      .transform((ys) => [...new Set(ys)].sort()),
    minGrade: z.number().min(0).max(100).nullable().default(null),
    prerequisites: Text(2000).nullable().default(null),
    requirements: z
      .array(z.enum(REQUIREMENTS))
      .max(REQUIREMENTS.length)
      .default([])
      .transform((rs) => [...new Set(rs)]),
    feeAmount: z.number().min(0, 'must be 0 or more').max(1_000_000).nullable().default(null),
    feeCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
      .nullable()
      .default(null),
    funding: Text(2000).nullable().default(null),
    housing: Text(2000).nullable().default(null),
    applicationDeadline: CalendarDate.nullable().default(null),
    contactName: Text(200).nullable().default(null),
    contactEmail: z.email('must be an e-mail address').max(254).nullable().default(null),
    blocks: z.array(BlockInput).max(52).default([]),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.feeAmount && !o.feeCurrency) ctx.addIssue({ code: 'custom', path: ['feeCurrency'], message: 'is required with a fee' })
    if (o.clinicalHoursPerWeek !== null && !o.clinicalPractice) {
      ctx.addIssue({
        code: 'custom',
        path: ['clinicalHoursPerWeek'],
        message: 'is only for an opportunity with clinical practice',
      })
    }
  })
export type OpportunityInput = z.infer<typeof OpportunityBody>

export {
  CatalogAnswerSchema,
  type CatalogItem,
  CatalogItemSchema,
  type OpportunityDto,
  OpportunitySchema,
} from '../../../../shared/api/opportunities.js'

export const OpportunityListQuery = z
  .object({
    q: z.string().trim().max(200).optional().describe('Part of a title (in any language) or of the host name'),
    status: csvList(z.enum(OPPORTUNITY_STATUSES)).optional(),
    direction: z.enum(DIRECTIONS).optional(),
    ...PageQuery,
  })
  .strict()
export type OpportunityListFilter = z.infer<typeof OpportunityListQuery>

export const CATALOG_SORTS = ['relevance', 'deadline', 'title', 'duration', 'fee'] as const

export const CatalogQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    country: csvList(CountryCode).optional(),
    city: csvList(z.string().trim().min(1).max(120)).optional(),
    kind: csvList(Kind).optional(),
    specialty: csvList(z.enum(SPECIALTIES)).optional(),
    language: csvList(Language).optional(),
    minLevel: csvList(Cefr).optional(),
    clinical: csvList(z.enum(['yes', 'no'])).optional(),
    duration: csvList(z.enum(DURATION_BUCKETS)).optional(),
    period: csvList(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')).optional(),
    cost: csvList(z.enum(COST_BUCKETS)).optional(),
    direction: z.enum(DIRECTIONS).optional(),
    sort: z.enum(CATALOG_SORTS).default('relevance'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
export type CatalogQueryInput = z.infer<typeof CatalogQuery>
