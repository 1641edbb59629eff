import { z } from 'zod'
import { APPLICATION_STATUSES } from '../applications.js'
import { CALL_PHASES } from '../calls.js'
import { UnmetSchema } from './applications.js'
import { IsoDateTime } from './primitives.js'

// A call's allocation as the office reads it, and why an applicant did not get a choice ranked
// above the place they were given (the office's allocation and the applicant's result).

export const ExplanationSchema = z.object({
  opportunityId: z.uuid(),
  reason: z.enum(['not_eligible', 'not_offered', 'full', 'adjusted']),
  unmet: z.array(UnmetSchema).optional(),
  lastAdmittedScore: z.number().nullable().optional(),
  score: z.number().optional(),
})

export const AllocationSchema = z.object({
  callId: z.uuid(),
  phase: z.enum(CALL_PHASES),
  published: z.object({ at: IsoDateTime, offerDeadline: IsoDateTime }).nullable(),
  unscored: z.number().describe('Submitted applications without a complete review (they count as 0 in a dry run)'),
  stats: z.object({
    applicants: z.number(),
    placed: z.number(),
    unplaced: z.number(),
    byChoice: z.array(z.number()).describe('byChoice[k]: how many got their (k + 1)-th choice'),
    places: z.number(),
    placesLeft: z.number(),
    perOpportunity: z.array(z.object({ opportunityId: z.uuid(), capacity: z.number(), admitted: z.number() })),
  }),
  opportunities: z.array(
    z.object({
      opportunityId: z.uuid(),
      title: z.record(z.string(), z.string()),
      host: z.object({ name: z.string(), country: z.string() }),
    }),
  ),
  rows: z.array(
    z.object({
      applicationId: z.uuid(),
      name: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      score: z.number().nullable(),
      assigned: z.uuid().nullable(),
      choice: z.number().nullable(),
      adjustment: z.object({ opportunityId: z.uuid().nullable(), reason: z.string() }).nullable(),
      explanations: z.array(ExplanationSchema),
    }),
  ),
  problems: z.array(
    z.object({
      applicant: z.string().nullable(),
      opportunity: z.string(),
      problem: z.enum(['not_chosen', 'not_eligible', 'over_capacity']),
      admitted: z.number().optional(),
      capacity: z.number().optional(),
    }),
  ),
  blockingPairs: z.array(z.object({ applicant: z.string(), opportunity: z.string(), instead: z.string().nullable() })),
})

/** The applicant's result once the allocation is published: why not higher. */
export const ResultSchema = z.object({ explanations: z.array(ExplanationSchema) })

/** A person a call's reviewers are chosen from. */
export const ReviewerSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string() })

/** One application in a reviewer's queue. */
export const ReviewQueueItemSchema = z.object({
  callId: z.uuid(),
  callTitle: z.record(z.string(), z.string()),
  applicationId: z.uuid(),
  applicantName: z.string(),
  conflict: z.boolean(),
  complete: z.boolean(),
  locked: z.boolean(),
})

export type ReviewQueueItemDto = z.infer<typeof ReviewQueueItemSchema>
export type AllocationDto = z.infer<typeof AllocationSchema>
export type ExplanationDto = z.infer<typeof ExplanationSchema>
export type ReviewerDto = z.infer<typeof ReviewerSchema>
