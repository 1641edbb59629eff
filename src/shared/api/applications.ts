import { z } from 'zod'
import { APPLICATION_STATUSES } from '../applications.js'
import { CALL_AUDIENCES, CALL_PHASES, DOCUMENT_KINDS } from '../calls.js'
import { OPPORTUNITY_KINDS } from '../opportunities.js'
import { IsoDateTime } from './primitives.js'

// An application as the API answers it (the applicant's, the office's, the host's view), its
// documents and the office's list rows: the server validates and documents its answers with these
// schemas, the web app reads the inferred types.

/** A person's request that the office delete one of their documents, and its answer (decision 034). */
export const DeletionRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'deleted', 'kept']),
    reason: z.string(),
    requestedAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
    keepReason: z.string().nullable().describe('Why the office keeps the document, when it does'),
  })
  .meta({ id: 'DocumentDeletionRequest' })

export const UnmetSchema = z.discriminatedUnion('rule', [
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

/** How long identity and health documents are kept after a mobility ends, and what that means today. */
export const RetentionSettings = z.object({
  retentionDays: z.number().int().describe('Days after a mobility ends before its identity and health documents are deleted'),
  kept: z.number().int().describe('Identity and health documents kept now'),
  ongoing: z.number().int().describe('Of those, documents of mobilities that have not ended'),
  nextDeletionOn: z.string().nullable().describe('The first day the daily job will delete some, at the current setting'),
})
export type RetentionSettingsDto = z.infer<typeof RetentionSettings>
