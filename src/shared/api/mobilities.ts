import { z } from 'zod'
import { APPLICATION_STATUSES } from '../applications.js'
import { MOBILITY_STATUSES } from '../mobilities.js'
import { IsoDateTime } from './primitives.js'

// A mobility as GET /api/applications/:id/mobility answers it, with what the reader may do: the
// server validates and documents its answers with this schema, the web app reads the inferred type.

const Component = {
  key: z.string(),
  title: z.string(),
  code: z.string().nullable(),
  credits: z.number(),
  term: z.string().nullable(),
}

export const MobilityView = z.object({
  applicationId: z.uuid(),
  status: z.enum(MOBILITY_STATUSES),
  student: z.string(),
  host: z.string().nullable(),
  country: z.string().nullable(),
  opportunityId: z.uuid().nullable(),
  opportunityTitle: z.record(z.string(), z.string()),
  plannedStart: z.string().nullable().describe('YYYY-MM, from the learning agreement'),
  plannedEnd: z.string().nullable(),
  arrivedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  hasApprovedAgreement: z.boolean(),
  studied: z.array(
    z.object({
      ...Component,
      result: z.object({ key: z.string(), grade: z.string(), credits: z.number(), passed: z.boolean() }).nullable(),
    }),
  ),
  recognised: z.array(
    z.object({
      ...Component,
      recognition: z
        .object({
          key: z.string(),
          recognised: z.boolean(),
          credits: z.number(),
          grade: z.string().nullable(),
          note: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  transcriptAt: IsoDateTime.nullable(),
  transcriptDocument: z.object({ id: z.uuid(), fileName: z.string() }).nullable(),
  hostCertificate: z
    .object({ id: z.uuid(), fileName: z.string() })
    .nullable()
    .describe("The host's certificate that ends an outgoing staff visit"),
  recognisedAt: IsoDateTime.nullable(),
  seesChecklist: z.boolean().describe('The reader sees the checklist before departure (the student and the office)'),
  seesIncidents: z.boolean().describe('The reader keeps incident notes on the mobility (the office)'),
  incoming: z.boolean().describe('An incoming student: we are the host; credits are recognised by their home institution'),
  staff: z.boolean().describe('A staff visit: its programme is approved before it begins'),
  staffOut: z.boolean().describe("An outgoing staff visit: it ends with the host's certificate, with no transcript or credits"),
  programmeGap: z.string().nullable().describe('What keeps a staff visit from beginning'),
  seesSurvey: z.boolean().describe('The stay has ended and the reader answers or moderates the completion survey'),
  checklistComplete: z.boolean().describe('Every item of the checklist is verified and none expired'),
  actions: z.object({ arrive: z.boolean(), transcript: z.boolean(), recognise: z.boolean(), endVisit: z.boolean() }),
})

/** A stay we host, as GET /api/applications/:id/incoming answers it. */
export const IncomingViewSchema = z.object({
  applicationId: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  admittedAt: IsoDateTime.nullable(),
  visaDetails: z
    .object({ nationality: z.string(), dateOfBirth: z.string(), passportNumber: z.string(), passportExpiresOn: z.string() })
    .nullable(),
  arrivedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  evaluation: z.string().nullable(),
  letters: z.object({ acceptance: z.boolean(), visa: z.boolean(), certificate: z.boolean() }).describe('Which letters exist now'),
  actions: z.object({ admit: z.boolean(), visaDetails: z.boolean(), depart: z.boolean() }),
})
export type IncomingViewDto = z.infer<typeof IncomingViewSchema>

/** A staff visit's programme, with what the reader may do. */
export const ProgrammeViewSchema = z.object({
  teaching: z.boolean().describe('A teaching visit or guest lecture: teaching hours are required'),
  programme: z
    .object({
      hostDepartment: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      activities: z.string(),
      teachingHours: z.number().nullable(),
      status: z.enum(['proposed', 'approved']),
      approvedAt: IsoDateTime.nullable(),
    })
    .nullable(),
  actions: z.object({ propose: z.boolean(), approve: z.boolean() }),
})
export type ProgrammeViewDto = z.infer<typeof ProgrammeViewSchema>

export const SEVERITIES = ['info', 'concern', 'emergency'] as const

/** One line of the office's list of mobilities. */
export const MobilityListItemSchema = z.object({
  applicationId: z.uuid(),
  student: z.object({ name: z.string(), email: z.string() }),
  opportunityTitle: z.record(z.string(), z.string()),
  host: z.object({ name: z.string(), country: z.string(), city: z.string().nullable() }),
  status: z.enum(MOBILITY_STATUSES),
  arrivedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  departOn: z.string().nullable().describe('From the travel dates of the checklist'),
  returnOn: z.string().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  emergencyContact: z
    .object({ name: z.string(), relationship: z.string(), phone: z.string(), email: z.string().nullable() })
    .nullable(),
  checklist: z.object({ verified: z.number().int(), total: z.number().int() }),
  incidents: z.number().int(),
  lastSeverity: z.enum(SEVERITIES).nullable(),
})
export type MobilityListItemDto = z.infer<typeof MobilityListItemSchema>

/** An incident note on a mobility (the office's own). */
export const IncidentSchema = z.object({
  id: z.uuid(),
  severity: z.enum(SEVERITIES),
  note: z.string(),
  occurredOn: z.string(),
  writtenAt: IsoDateTime,
  writtenBy: z.string().nullable(),
})
export type IncidentDto = z.infer<typeof IncidentSchema>
