import { z } from 'zod'
import { IsoDateTime } from '../../../http/types.js'

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

const Reason = (what: string) =>
  z
    .string('must be text')
    .trim()
    .min(10, `must say ${what} in a few words (at least 10 characters)`)
    .max(1000, 'must be at most 1000 characters')

export const AskDeletionBody = z.object({ reason: Reason('why') }).strict()
export const KeepDocumentBody = z.object({ reason: Reason('why it is kept') }).strict()
