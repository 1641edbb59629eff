import { z } from 'zod'
import { MOBILITY_TYPES } from '../agreements.js'
import { INSTITUTION_KINDS } from '../identifiers.js'
import { LANGUAGES } from '../limits.js'
import { IsoDateTime } from './primitives.js'

// An institution as the API answers it (the partners' list, a partner's profile and its flows):
// the server validates and documents its answers with these schemas, the web app reads the
// inferred types.

export const InstitutionSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(INSTITUTION_KINDS),
    country: z.string(),
    city: z.string().nullable(),
    website: z.string().nullable(),
    erasmusCode: z.string().nullable(),
    schacId: z.string().nullable(),
    rorId: z.string().nullable(),
    isHome: z.boolean(),
    tags: z.array(z.string()),
  })
  .meta({ id: 'Institution' })
export type InstitutionDto = z.infer<typeof InstitutionSchema>

export const InstitutionListItemSchema = InstitutionSchema.extend({
  agreementsInForce: z.number().int(),
  agreementsTotal: z.number().int(),
  nextEndDate: z.string().nullable().describe('The earliest end date of the agreements in force'),
  updatedAt: IsoDateTime,
}).meta({ id: 'InstitutionListItem' })
export type InstitutionListItem = z.infer<typeof InstitutionListItemSchema>

export const ContactSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'InstitutionContact' })
export const UnitSchema = z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable() }).meta({ id: 'OrgUnit' })

export const FlowSchema = z
  .object({
    academicYear: z.string(),
    direction: z.enum(['outgoing', 'incoming']),
    mobilityType: z.enum(MOBILITY_TYPES),
    places: z.number().int(),
  })
  .meta({ id: 'PlannedFlow' })

export const InstitutionDetailSchema = InstitutionSchema.extend({
  notes: z.string().nullable(),
  contacts: z.array(ContactSchema),
  units: z.array(UnitSchema),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).meta({ id: 'InstitutionDetail' })

/** The mobilities with a partner that took place or are under way (GET /api/institutions/:id/realised-flows). */
export const RealisedFlowSchema = z.object({
  academicYear: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  staff: z.boolean(),
  preparing: z.number().int().describe('Accepted by the host and not begun'),
  abroad: z.number().int(),
  completed: z.number().int().describe('Over: the transcript or the certificate is in'),
})

/** The home institution as its settings page and the sign-in page read it. */
export const HomeSettingsSchema = InstitutionSchema.extend({
  languages: z.array(z.enum(LANGUAGES)),
  defaultLanguage: z.enum(LANGUAGES),
  hasLogo: z.boolean(),
  updatedAt: z.string(),
  /** True while the demo accounts exist (a fresh embedded install). */
  demoAccounts: z.boolean().optional(),
}).meta({ id: 'HomeInstitutionSettings' })
export type HomeSettingsDto = z.infer<typeof HomeSettingsSchema>

/** An institution that looks like the one being entered, and why. */
export const SimilarSchema = z
  .object({ institution: InstitutionSchema, reason: z.enum(['erasmusCode', 'schacId', 'rorId', 'name']) })
  .meta({ id: 'SimilarInstitution' })
export type SimilarDto = z.infer<typeof SimilarSchema>
