import { z } from 'zod'
import { DIRECTIONS, OPPORTUNITY_KINDS, OPPORTUNITY_STATUSES } from '../opportunities.js'
import { HostSchema, IsoDateTime } from './primitives.js'

// An opportunity as the API answers it (the office's pages, the public catalog and its detail):
// the server validates and documents its answers with these schemas, the web app reads the
// inferred types.

const BlockSchema = z.object({
  id: z.uuid(),
  label: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
})

export const OpportunitySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(OPPORTUNITY_KINDS),
    direction: z.enum(DIRECTIONS),
    status: z.enum(OPPORTUNITY_STATUSES),
    host: HostSchema,
    agreementId: z.uuid().nullable(),
    orgUnitId: z.uuid().nullable(),
    title: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()).describe('Sanitised HTML per language'),
    isced: z.string().nullable(),
    specialty: z.string().nullable(),
    department: z.string().nullable(),
    languages: z.array(z.object({ language: z.string(), minLevel: z.string().nullable() })),
    languagePreparation: z.string().nullable(),
    clinicalPractice: z.boolean(),
    clinicalHoursPerWeek: z.number().int().nullable(),
    durationWeeks: z.number().int().nullable(),
    yearsOfStudy: z.array(z.number().int()),
    minGrade: z.number().nullable(),
    prerequisites: z.string().nullable(),
    requirements: z.array(z.string()),
    feeAmount: z.number().nullable(),
    feeCurrency: z.string().nullable(),
    funding: z.string().nullable(),
    housing: z.string().nullable(),
    applicationDeadline: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    blocks: z.array(BlockSchema),
    publishedAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Opportunity' })
export type OpportunityDto = z.infer<typeof OpportunitySchema>

/** What the catalog lists of an opportunity; the detail page reads the whole opportunity. */
export const CatalogItemSchema = OpportunitySchema.pick({
  id: true,
  kind: true,
  direction: true,
  host: true,
  title: true,
  specialty: true,
  languages: true,
  clinicalPractice: true,
  durationWeeks: true,
  feeAmount: true,
  feeCurrency: true,
  applicationDeadline: true,
  requirements: true,
  blocks: true,
}).meta({ id: 'CatalogItem' })
export type CatalogItem = z.infer<typeof CatalogItemSchema>

export const CatalogAnswerSchema = z.object({
  items: z.array(CatalogItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.record(z.string(), z.record(z.string(), z.number().int())).describe('Per facet, results per value'),
})
