import { z } from 'zod'
import { LA_GROUPS, LA_PARTIES, LA_REASONS, LA_STATUSES } from '../learning-agreements.js'
import { IsoDateTime } from './primitives.js'

// The learning agreement as GET /api/applications/:id/learning-agreement answers it: the server
// validates its answer against this schema and documents it in OpenAPI; the web app reads the
// inferred type (type-only, so zod stays out of the bundle).

const Signature = z.object({
  party: z.enum(LA_PARTIES),
  name: z.string(),
  position: z.string(),
  email: z.string(),
  signedAt: IsoDateTime,
})

const ComponentOut = z.object({
  key: z.string(),
  group: z.enum(LA_GROUPS),
  title: z.string(),
  code: z.string().nullable(),
  credits: z.number(),
  term: z.string().nullable(),
  reasonCode: z.enum(LA_REASONS).nullable(),
  reasonText: z.string().nullable(),
})

export const AgreementView = z.object({
  canStart: z.boolean(),
  agreement: z
    .object({
      id: z.uuid(),
      applicationId: z.uuid(),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      student: z.object({ name: z.string(), email: z.string() }),
      academicYear: z.string(),
      opportunityTitle: z.record(z.string(), z.string()),
      sendingInstitution: z.string(),
      receivingInstitution: z.string(),
      versions: z.array(
        z.object({
          id: z.uuid(),
          number: z.number().int(),
          status: z.enum(LA_STATUSES),
          kind: z.enum(['before_mobility', 'changes']),
          components: z.array(ComponentOut),
          removed: z.array(
            z.object({ key: z.string(), reasonCode: z.enum(LA_REASONS).nullable(), reasonText: z.string().nullable() }),
          ),
          comment: z.string().nullable(),
          createdAt: IsoDateTime,
          decidedAt: IsoDateTime.nullable(),
          signatures: z.array(Signature),
        }),
      ),
      actions: z.object({
        party: z.enum(LA_PARTIES).nullable(),
        edit: z.boolean(),
        sign: z.boolean(),
        reject: z.boolean(),
        newVersion: z.boolean(),
      }),
    })
    .nullable(),
})

export type AgreementViewDto = z.infer<typeof AgreementView>
