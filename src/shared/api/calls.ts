import { z } from 'zod'
import { CALL_AUDIENCES, CALL_PHASES, CALL_STATUSES } from '../calls.js'
import { OPPORTUNITY_KINDS } from '../opportunities.js'
import { HostSchema, IsoDateTime } from './primitives.js'

// A call for applications as the API answers it (GET /api/calls/:id and the lists): the server
// validates and documents its answers with this schema, the web app reads the inferred type.

export const OfferSchema = z.object({
  opportunityId: z.uuid(),
  kind: z.enum(OPPORTUNITY_KINDS),
  title: z.record(z.string(), z.string()),
  host: HostSchema,
  published: z.boolean(),
  places: z.number().int(),
  suggestedPlaces: z.number().int().nullable(),
  placesTaken: z.number().int(),
  placesLeft: z.number().int(),
})

export const CallSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(CALL_STATUSES),
    phase: z.enum(CALL_PHASES).describe('From the opening and closing times, whatever the status'),
    title: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()).describe('Sanitised HTML per language'),
    academicYear: z.string(),
    audience: z.enum(CALL_AUDIENCES),
    orgUnitId: z.uuid().nullable(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    opensAtLocal: z.string().describe('opensAt on the wall clock of timeZone'),
    closesAtLocal: z.string(),
    timeZone: z.string(),
    maxChoices: z.number().int(),
    eligibility: z.object({
      yearsOfStudy: z.array(z.number().int()),
      minGrade: z.number().nullable(),
      programmes: z.array(z.string()),
      notes: z.string().nullable(),
    }),
    requiredDocuments: z.array(z.string()),
    criteria: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number() })),
    cancelReason: z.string().nullable(),
    offers: z.array(OfferSchema),
    placesTotal: z.number().int(),
    placesLeft: z.number().int(),
    publishedAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Call' })
export type CallDto = z.infer<typeof CallSchema>

export const SUGGESTION_REASONS = [
  'shared',
  'agreement_not_in_force',
  'no_flow',
  'no_number',
  'nothing',
  'unknown_opportunity',
] as const

export const SuggestionSchema = z.object({
  opportunityId: z.uuid(),
  places: z.number().int().nullable(),
  source: z.enum(['agreement', 'periods']).nullable(),
  agreementId: z.uuid().nullable(),
  agreementReference: z.string().nullable(),
  agreementStatus: z.string().nullable(),
  mobilityType: z.string().describe('The agreement flow that pays for places in this kind of opportunity'),
  quota: z.number().int().nullable().describe("The agreement's mobilities per year before sharing"),
  sharedWith: z.number().int().describe('Other opportunities in the request that share the same quota'),
  reason: z
    .enum(SUGGESTION_REASONS)
    .nullable()
    .describe('Why the places are shared, or why the agreement gives none; null when there is nothing to add'),
})
export type Suggestion = z.infer<typeof SuggestionSchema>
