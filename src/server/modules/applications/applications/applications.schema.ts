import { z } from 'zod'
import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import { APPLICATION_STATUSES } from '../../../../shared/applications.js'
import { CALL_AUDIENCES, CALL_PHASES, DOCUMENT_KINDS } from '../../../../shared/calls.js'
import { OPPORTUNITY_KINDS } from '../../../../shared/opportunities.js'
import { csvList, IsoDateTime, PageQuery } from '../../../http/types.js'
import { Text } from '../../../kernel/schema.js'
import { DeletionRequestSchema } from '../documents/deletion-requests.schema.js'

const Cefr = z.enum(CEFR_LEVELS, { error: `must be a CEFR level (${CEFR_LEVELS.join(', ')})` })

export const ProfileBody = z
  .object({
    studentNumber: Text(40).min(1, 'must not be empty').nullable().default(null),
    yearOfStudy: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 to 10')
      .max(10, 'must be 1 to 10')
      .nullable()
      .default(null),
    programme: Text(120).min(1, 'must not be empty').nullable().default(null),
    gradeAverage: z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100').nullable().default(null),
    languages: z
      .record(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 language code such as "pt"'), Cefr)
      .default({})
      .refine((l) => Object.keys(l).length <= 20, 'must list at most 20 languages'),
  })
  .strict()
export type ProfileInput = z.infer<typeof ProfileBody>

export const ApplicationBody = z
  .object({
    profile: ProfileBody,
    choices: z
      .array(z.uuid('must be an opportunity id'))
      .max(20, 'must list at most 20 choices')
      .refine((cs) => new Set(cs).size === cs.length, 'must not list an opportunity twice'),
    motivation: Text(10_000).default(''),
  })
  .strict()
export type ApplicationInput = z.infer<typeof ApplicationBody>

export const WithdrawBody = z.object({ reason: Text(1000).min(1, 'must say why').nullable().default(null) }).strict()

const UnmetSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('year_of_study'), required: z.array(z.number()), has: z.number().nullable() }),
  z.object({ rule: z.literal('min_grade'), required: z.number(), has: z.number().nullable() }),
  z.object({ rule: z.literal('programme'), required: z.array(z.string()), has: z.string().nullable() }),
  z.object({
    rule: z.literal('language'),
    required: z.array(z.object({ language: z.string(), level: z.string() })),
    has: z.record(z.string(), z.string()),
  }),
])

export const DocumentSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  special: z.boolean().describe('An identity or health document: encrypted at rest, every read logged'),
  expiresOn: z.string().nullable(),
  createdAt: IsoDateTime,
  deletionRequest: DeletionRequestSchema.nullable().describe(
    "The person's latest request that the office delete it; for the person and the office only",
  ),
})

const OpportunityRef = z.object({
  opportunityId: z.uuid(),
  kind: z.enum(OPPORTUNITY_KINDS),
  incoming: z.boolean().describe('Hosted by us: an incoming student or visiting staff, admitted rather than nominated'),
  title: z.record(z.string(), z.string()),
  host: z.object({ name: z.string(), country: z.string() }),
})

export const ApplicationSchema = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  call: z.object({
    id: z.uuid(),
    title: z.record(z.string(), z.string()),
    academicYear: z.string(),
    timeZone: z.string(),
    audience: z.enum(CALL_AUDIENCES),
    closesAt: IsoDateTime,
    phase: z.enum(CALL_PHASES),
    maxChoices: z.number(),
    requiredDocuments: z.array(z.enum(DOCUMENT_KINDS)),
  }),
  applicant: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  profile: z.object({
    studentNumber: z.string().nullable(),
    yearOfStudy: z.number().nullable(),
    programme: z.string().nullable(),
    gradeAverage: z.number().nullable(),
    languages: z.record(z.string(), z.string()),
  }),
  motivation: z.string(),
  choices: z.array(OpportunityRef.extend({ rank: z.number(), unmet: z.array(UnmetSchema) })),
  documents: z.array(DocumentSchema),
  missingDocuments: z.array(z.enum(DOCUMENT_KINDS)),
  offer: OpportunityRef.extend({ choice: z.number(), deadline: IsoDateTime.nullable() }).nullable(),
  submittedAt: IsoDateTime.nullable(),
  withdrawnAt: IsoDateTime.nullable(),
  withdrawReason: z.string().nullable(),
  nominatedAt: IsoDateTime.nullable(),
  hostDecidedAt: IsoDateTime.nullable(),
  hostReason: z.string().nullable().describe("The host's reason, when it rejected the nominee"),
  updatedAt: IsoDateTime,
})
export type ApplicationDto = z.infer<typeof ApplicationSchema>

export const ApplicationListQuery = z
  .object({
    ...PageQuery,
    status: csvList(z.enum(APPLICATION_STATUSES)).optional(),
    q: Text(200).optional(),
  })
  .strict()

/** A row of the office's list of a call's applications. */
export const ApplicationRowSchema = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  applicant: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  yearOfStudy: z.number().nullable(),
  programme: z.string().nullable(),
  gradeAverage: z.number().nullable(),
  choices: z.number(),
  reviews: z.number().describe('Complete reviews'),
  score: z.number().nullable().describe("Combined score by the call's weights, 0-100, once reviewed"),
  offeredOpportunityId: z.uuid().nullable(),
  submittedAt: IsoDateTime.nullable(),
})
