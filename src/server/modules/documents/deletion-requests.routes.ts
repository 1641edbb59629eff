import { z } from 'zod'
import type { Deps } from '../../deps.js'
import { ctxOf } from '../../http/context.js'
import { SignedIn } from '../../http/policy.js'
import { type App, IdParams, IsoDateTime } from '../../http/types.js'
import { OFFICE } from '../opportunities/opportunities.routes.js'
import { keepDocument, requestDeletion } from './deletion-requests.js'

const tags = ['documents']

const Reason = (what: string) =>
  z
    .string('must be text')
    .trim()
    .min(10, `must say ${what} in a few words (at least 10 characters)`)
    .max(1000, 'must be at most 1000 characters')

const DeletionRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'deleted', 'kept']),
    reason: z.string(),
    requestedAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
    keepReason: z.string().nullable(),
  })
  .meta({ id: 'DocumentDeletionRequest' })

export function deletionRequestRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/documents/:id/deletion-request',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Ask the office to delete my document (once the application is no longer a draft)',
        params: IdParams,
        body: z.object({ reason: Reason('why') }).strict(),
        response: { 201: DeletionRequestSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestDeletion(deps, ctxOf(request), request.params.id, request.body.reason)),
  )

  app.post(
    '/api/document-deletion-requests/:id/keep',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Keep a document a person asked to delete, saying why (the office deletes it with DELETE /api/documents/:id)',
        params: IdParams,
        body: z.object({ reason: Reason('why it is kept') }).strict(),
        response: { 200: DeletionRequestSchema },
      },
    },
    async (request) => keepDocument(deps, ctxOf(request), request.params.id, request.body.reason),
  )
}
