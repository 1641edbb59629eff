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
