import { z } from 'zod'
import { isAcademicYear } from '../../../../shared/agreements.js'
import { CALL_AUDIENCES, CALL_PHASES, CALL_STATUSES, DOCUMENT_KINDS } from '../../../../shared/calls.js'
import { isTimeZone, LOCAL_DATE_TIME } from '../../../../shared/zoned-time.js'
import { csvList, PageQuery } from '../../../http/types.js'
import { CatalogLanguage, Text } from '../../../kernel/schema.js'
import { Translated } from '../opportunities/opportunities.schema.js'

const AcademicYear = z.string().refine(isAcademicYear, 'must be an academic year such as 2027/2028')
const LocalDateTime = z.string().regex(LOCAL_DATE_TIME, 'must be a local date and time as YYYY-MM-DDTHH:mm')
const TimeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Lisbon')

export const CriterionInput = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a short key of lower-case letters, digits and _ such as "grades"'),
    label: Text(120).min(1, 'must not be empty'),
    weight: z.number().gt(0, 'must be more than 0').max(100, 'must be at most 100'),
  })
  .strict()

export const OfferInput = z
  .object({
    opportunityId: z.uuid('must be an opportunity id'),
    places: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(10_000)
      .nullable()
      .default(null)
      .describe('Places offered; null takes the suggestion from the agreement or the periods'),
  })
  .strict()

export const CallBody = z
  .object({
    title: Translated(300),
    description: z.partialRecord(CatalogLanguage, Text(20_000)).default({}),
    academicYear: AcademicYear,
    audience: z.enum(CALL_AUDIENCES),
    orgUnitId: z.uuid('must be a unit id').nullable().default(null),
    opensAt: LocalDateTime.describe('Wall-clock time in timeZone'),
    closesAt: LocalDateTime.describe('Wall-clock time in timeZone'),
    timeZone: TimeZone,
    maxChoices: z.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(3),
    eligibility: z
      .object({
        yearsOfStudy: z
          .array(z.number().int().min(1).max(8))
          .max(8)
          .default([])
          .transform((ys) => [...new Set(ys)].sort()),
        minGrade: z.number().min(0).max(100).nullable().default(null),
        programmes: z.array(Text(120).min(1)).max(30).default([]),
        notes: Text(2000).nullable().default(null),
      })
      .strict()
      .default({ yearsOfStudy: [], minGrade: null, programmes: [], notes: null }),
    requiredDocuments: z
      .array(z.enum(DOCUMENT_KINDS))
      .max(DOCUMENT_KINDS.length)
      .default([])
      .transform((ds) => [...new Set(ds)]),
    criteria: z
      .array(CriterionInput)
      .max(10)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, 'must not use a key twice')
      .refine(
        (cs) => cs.length === 0 || Math.abs(cs.reduce((n, c) => n + c.weight, 0) - 100) < 1e-9,
        'weights must add up to 100',
      ),
    offers: z
      .array(OfferInput)
      .max(500)
      .default([])
      .refine((os) => new Set(os.map((o) => o.opportunityId)).size === os.length, 'must not offer an opportunity twice'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.closesAt <= c.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' })
  })
export type CallInput = z.infer<typeof CallBody>

export const CallStatusBody = z
  .object({
    status: z.enum(CALL_STATUSES),
    reason: Text(1000).min(1, 'must not be empty').optional().describe('Why the call is cancelled; required to cancel'),
  })
  .strict()

export { type CallDto, CallSchema, OfferSchema } from '../../../../shared/api/calls.js'

export const CallListQuery = z
  .object({
    status: csvList(z.enum(CALL_STATUSES)).optional(),
    phase: csvList(z.enum(CALL_PHASES)).optional(),
    audience: csvList(z.enum(CALL_AUDIENCES)).optional(),
    ...PageQuery,
  })
  .strict()
export type CallListQueryInput = z.infer<typeof CallListQuery>

export const PublicCallListQuery = CallListQuery.omit({ status: true })

export const SuggestionBody = z
  .object({
    academicYear: AcademicYear,
    opportunityIds: z.array(z.uuid('must be an opportunity id')).min(1).max(500),
  })
  .strict()

export { SUGGESTION_REASONS, type Suggestion, SuggestionSchema } from '../../../../shared/api/calls.js'
