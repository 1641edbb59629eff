import { z } from 'zod'
import { AGREEMENT_ACTIONS, AGREEMENT_KINDS, AGREEMENT_STATUSES, FILE_KINDS, MOBILITY_TYPES } from '../agreements.js'
import { IsoDateTime } from './primitives.js'

// An inter-institutional agreement as the API answers it (the list, the detail with its
// conditions, signatories, files and possible steps, the timeline): the server validates and
// documents its answers with these schemas, the web app reads the inferred types.

export const AgreementKind = z.enum(AGREEMENT_KINDS)
export const AgreementStatus = z.enum(AGREEMENT_STATUSES)
export const MobilityType = z.enum(MOBILITY_TYPES)

export const PartySchema = z
  .object({
    institutionId: z.uuid(),
    name: z.string(),
    country: z.string(),
    isHome: z.boolean(),
    orgUnitId: z.uuid().nullable(),
    orgUnitName: z.string().nullable(),
  })
  .meta({ id: 'AgreementParty' })

export const ConditionSchema = z
  .object({
    id: z.uuid(),
    mobilityType: MobilityType,
    sendingInstitutionId: z.uuid(),
    sendingUnitId: z.uuid().nullable(),
    receivingInstitutionId: z.uuid(),
    receivingUnitId: z.uuid().nullable(),
    academicYearFrom: z.string(),
    academicYearTo: z.string(),
    mobilitiesPerYear: z.number().int().nullable(),
    totalMonthsPerYear: z.number().nullable(),
    totalDaysPerYear: z.number().int().nullable(),
    subjectAreas: z.array(z.object({ isced: z.string(), clarification: z.string().nullable() })),
    eqfLevels: z.array(z.number().int()),
    languageSkills: z.array(z.object({ language: z.string(), cefr: z.string(), isced: z.string().nullable() })),
    blended: z.boolean(),
    otherTerms: z.string().nullable(),
  })
  .meta({ id: 'CooperationCondition' })

export const AgreementListItemSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    kind: AgreementKind,
    status: AgreementStatus,
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    parties: z.array(PartySchema),
    responsible: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    mobilityTypes: z.array(MobilityType),
    placesPerYear: z.number().int().nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'AgreementListItem' })
export type AgreementListItem = z.infer<typeof AgreementListItemSchema>

export const SignatorySchema = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    name: z.string(),
    position: z.string().nullable(),
    signedOn: z.string().nullable(),
  })
  .meta({ id: 'Signatory' })
export const FileSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(FILE_KINDS),
    fileName: z.string(),
    mime: z.string(),
    size: z.number().int(),
    version: z.number().int(),
    sha256: z.string(),
    uploadedAt: IsoDateTime,
    uploadedBy: z.string().nullable(),
  })
  .meta({ id: 'AgreementFile' })
export const AgreementDetailSchema = AgreementListItemSchema.extend({
  notes: z.string().nullable(),
  terminationReason: z.string().nullable(),
  statusChangedAt: IsoDateTime,
  predecessor: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  successor: z.object({ id: z.uuid(), reference: z.string(), status: AgreementStatus }).nullable(),
  conditions: z.array(ConditionSchema),
  signatories: z.array(SignatorySchema),
  files: z.array(FileSchema),
  /** What the caller may do next, each with the reason when it is not possible yet. */
  actions: z.array(
    z.object({ action: z.enum([...AGREEMENT_ACTIONS, 'renew']), allowed: z.boolean(), reason: z.string().nullable() }),
  ),
  editable: z.boolean(),
  createdAt: IsoDateTime,
}).meta({ id: 'Agreement' })
export type AgreementDetail = z.infer<typeof AgreementDetailSchema>

export const TimelineEntrySchema = z
  .object({
    at: IsoDateTime,
    kind: z.enum(['change', 'comment']),
    actor: z.string(),
    action: z.string().nullable(),
    changes: z.array(z.string()),
    body: z.string().nullable(),
  })
  .meta({ id: 'TimelineEntry' })

/** Per country of partners: institutions, agreements in force, and partners with one. */
export const CountryStatSchema = z
  .object({
    country: z.string(),
    institutions: z.number().int(),
    agreementsInForce: z.number().int(),
    partnersInForce: z.number().int(),
  })
  .meta({ id: 'CountryStat' })
export type CountryStatDto = z.infer<typeof CountryStatSchema>
