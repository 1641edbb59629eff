import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { OFFICE } from '../../../kernel/roles.js'
import { keepDocument, requestDeletion } from './deletion-requests.js'
import { AskDeletionBody, DeletionRequestSchema, KeepDocumentBody } from './deletion-requests.schema.js'

const tags = ['documents']

export function deletionRequestRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/documents/:id/deletion-request',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Ask the office to delete my document (once the application is no longer a draft)',
        params: IdParams,
        body: AskDeletionBody,
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
        body: KeepDocumentBody,
        response: { 200: DeletionRequestSchema },
      },
    },
    async (request) => keepDocument(deps, ctxOf(request), request.params.id, request.body.reason),
  )
}
