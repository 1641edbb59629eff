import { z } from 'zod'

export { DeletionRequestSchema } from '../../../../shared/api/applications.js'

const Reason = (what: string) =>
  z
    .string('must be text')
    .trim()
    .min(10, `must say ${what} in a few words (at least 10 characters)`)
    .max(1000, 'must be at most 1000 characters')

export const AskDeletionBody = z.object({ reason: Reason('why') }).strict()
export const KeepDocumentBody = z.object({ reason: Reason('why it is kept') }).strict()
