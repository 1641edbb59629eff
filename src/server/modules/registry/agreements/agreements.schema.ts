import { z } from 'zod'
import {
  AGREEMENT_ACTIONS,
  CEFR_LEVELS,
  EQF_LEVELS,
  FILE_KINDS,
  ISCED_CODE,
  ISO_639_1,
  isAcademicYear,
  STAFF_MOBILITY,
} from '../../../../shared/agreements.js'
import { AgreementKind, AgreementStatus, MobilityType } from '../../../../shared/api/agreements.js'
import { csvList, PageQuery } from '../../../http/types.js'
import { CalendarDate, CountryCode } from '../../../kernel/schema.js'

// The answers' schemas are the shared contract's (src/shared/api/agreements.ts).
export {
  type AgreementDetail,
  AgreementDetailSchema,
  AgreementKind,
  type AgreementListItem,
  AgreementListItemSchema,
  AgreementStatus,
  ConditionSchema,
  FileSchema,
  MobilityType,
  PartySchema,
  SignatorySchema,
  TimelineEntrySchema,
} from '../../../../shared/api/agreements.js'

const AcademicYear = z.string().refine(isAcademicYear, 'must be an academic year such as 2026/2027')

export const SubjectArea = z
  .object({
    isced: z.string().trim().regex(ISCED_CODE, 'must be an ISCED-F code such as 0912'),
    clarification: z.string().trim().max(300).nullable().default(null),
  })
  .strict()
export const LanguageSkill = z
  .object({
    language: z
      .string()
      .trim()
      .toLowerCase()
      .refine((l) => ISO_639_1.has(l), 'must be an ISO 639-1 language code such as pt'),
    cefr: z.enum(CEFR_LEVELS, 'must be a CEFR level: A1, A2, B1, B2, C1 or C2'),
    isced: z.string().trim().regex(ISCED_CODE, 'must be an ISCED-F code such as 0912').nullable().default(null),
  })
  .strict()

export const ConditionBody = z
  .object({
    mobilityType: MobilityType,
    sendingInstitutionId: z.uuid(),
    sendingUnitId: z.uuid().nullable().default(null),
    receivingInstitutionId: z.uuid(),
    receivingUnitId: z.uuid().nullable().default(null),
    academicYearFrom: AcademicYear,
    academicYearTo: AcademicYear,
    mobilitiesPerYear: z.number().int('must be a whole number').min(0).max(10_000).nullable().default(null),
    totalMonthsPerYear: z.number().min(0).max(100_000).nullable().default(null),
    totalDaysPerYear: z.number().int('must be a whole number').min(0).max(1_000_000).nullable().default(null),
    subjectAreas: z.array(SubjectArea).max(50).default([]),
    eqfLevels: z
      .array(
        z.union(
          EQF_LEVELS.map((l) => z.literal(l)),
          'must be an EQF level: 5, 6, 7 or 8',
        ),
      )
      .max(4)
      .default([])
      .refine((l) => new Set(l).size === l.length, 'must not repeat a level'),
    languageSkills: z.array(LanguageSkill).max(20).default([]),
    blended: z.boolean().default(false),
    otherTerms: z.string().trim().max(5000).nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.sendingInstitutionId === c.receivingInstitutionId) {
      ctx.addIssue({ code: 'custom', path: ['receivingInstitutionId'], message: 'must differ from the sending institution' })
    }
    if (c.academicYearTo < c.academicYearFrom) {
      ctx.addIssue({ code: 'custom', path: ['academicYearTo'], message: 'must not be before academicYearFrom' })
    }
    // EWP IIA: student mobility is counted in months, staff mobility in days.
    if (STAFF_MOBILITY.includes(c.mobilityType) && c.totalMonthsPerYear !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalMonthsPerYear'],
        message: 'is for student mobility; give totalDaysPerYear for staff',
      })
    }
    if (!STAFF_MOBILITY.includes(c.mobilityType) && c.totalDaysPerYear !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['totalDaysPerYear'],
        message: 'is for staff mobility; give totalMonthsPerYear for students',
      })
    }
  })
export type ConditionInput = z.infer<typeof ConditionBody>

export const AgreementBody = z
  .object({
    title: z.string().trim().min(3, 'must be at least 3 characters').max(300),
    kind: AgreementKind,
    startDate: CalendarDate.nullable().default(null),
    endDate: CalendarDate.nullable().default(null),
    responsibleId: z.uuid().nullable().default(null),
    notes: z.string().trim().max(10_000).nullable().default(null),
    parties: z
      .array(z.object({ institutionId: z.uuid(), orgUnitId: z.uuid().nullable().default(null) }).strict())
      .min(2, 'must list at least two institutions')
      .max(50)
      .refine((p) => new Set(p.map((x) => x.institutionId)).size === p.length, 'must not list an institution twice'),
    conditions: z.array(ConditionBody).max(100).default([]),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.startDate && a.endDate && a.endDate < a.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' })
    }
    const ids = new Set(a.parties.map((p) => p.institutionId))
    a.conditions.forEach((c, i) => {
      for (const side of ['sendingInstitutionId', 'receivingInstitutionId'] as const) {
        if (!ids.has(c[side]))
          ctx.addIssue({ code: 'custom', path: ['conditions', i, side], message: 'must be one of the parties' })
      }
    })
  })
export type AgreementInput = z.infer<typeof AgreementBody>

export const SignatoriesBody = z
  .object({
    signatories: z
      .array(
        z
          .object({
            institutionId: z.uuid(),
            name: z.string().trim().min(2, 'must be at least 2 characters').max(200),
            position: z.string().trim().max(200).nullable().default(null),
            signedOn: CalendarDate.nullable().default(null),
          })
          .strict(),
      )
      .max(50),
  })
  .strict()

export const FileUploadQuery = z
  .object({
    kind: z.enum(FILE_KINDS),
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200)
      .refine(
        (n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 32),
        'must be a file name without slashes or control characters',
      ),
  })
  .strict()
export const FileParams = z.object({ id: z.uuid('must be a UUID'), fileId: z.uuid('must be a UUID') }).strict()

export const TransitionBody = z
  .object({
    action: z.enum(AGREEMENT_ACTIONS),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.action !== 'terminate' || (b.reason && b.reason.length >= 3), {
    path: ['reason'],
    message: 'is required to terminate (at least 3 characters)',
  })

export const RenewBody = z
  .object({
    startDate: CalendarDate.optional(),
    endDate: CalendarDate.optional(),
  })
  .strict()

export const CommentBody = z.object({ body: z.string().trim().min(1, 'must not be empty').max(5000) }).strict()

export const AGREEMENT_SORTS = ['reference', 'title', 'status', 'start', 'end', 'updated'] as const
export const AgreementListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: csvList(AgreementStatus).optional(),
    kind: csvList(AgreementKind).optional(),
    country: csvList(CountryCode).optional().describe("Partners' countries, comma-separated ISO codes"),
    institutionId: z.uuid().optional(),
    expiringWithin: z.coerce.number().int().min(0).max(3650).optional().describe('In force and ending within this many days'),
    mobilityType: MobilityType.optional(),
    subjectArea: z.string().trim().regex(ISCED_CODE, 'must be an ISCED-F code such as 0912 or 09').optional(),
    responsibleId: z.uuid().optional(),
    sort: z.enum(AGREEMENT_SORTS).default('updated'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    ...PageQuery,
  })
  .strict()
export type AgreementFilter = z.infer<typeof AgreementListQuery>
export const AgreementExportQuery = AgreementListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') })

export const ReminderSettingsSchema = z
  .object({ reminderDays: z.array(z.number().int()).describe('Days before the end, largest first') })
  .meta({ id: 'AgreementSettings' })
export const ReminderSettingsBody = z
  .object({
    reminderDays: z
      .array(z.number().int().min(1, 'must be at least 1 day').max(730, 'must be at most 730 days'))
      .min(1, 'must list at least one reminder')
      .max(6)
      .refine((d) => new Set(d).size === d.length, 'must not repeat a day count')
      .transform((d) => [...d].sort((a, b) => b - a)),
  })
  .strict()

export { CountryStatSchema } from '../../../../shared/api/agreements.js'
