import { z } from 'zod'
import { IsoDateTime } from './primitives.js'

/** One entry of the audit trail: who did what to which record, with what it was before and after. */
export const AuditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: IsoDateTime,
    actorId: z.uuid().nullable(),
    actor: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' })
export type AuditEventDto = z.infer<typeof AuditEventSchema>
