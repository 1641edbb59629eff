import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { DOCUMENT_MAX_BYTES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { uploadedFile } from '../../../http/files.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { Text } from '../../../kernel/schema.js'
import { ChecklistSubmission, ChecklistView, ItemParams } from './checklist.schema.js'
import { loadChecklist, rejectItem, submitItem, uploadProof, verifyItem } from './checklist.service.js'

const tags = ['mobilities']
const path = '/api/applications/:id/checklist'

export function checklistRoutes(app: App, deps: Deps): void {
  const view = (request: FastifyRequest) =>
    loadChecklist(deps.db, ctxOf(request), (request.params as { id: string }).id, todayUtc(deps.clock.now()))

  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'The checklist before departure, item by item, with proofs and expiry (the student and the office)',
        params: IdParams,
        response: { 200: ChecklistView },
      },
    },
    async (request) => view(request),
  )

  app.put(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "Submit an item of the checklist with what it records; it waits for an officer's verification",
        params: IdParams,
        body: ChecklistSubmission,
        response: { 200: ChecklistView },
      },
    },
    async (request) => {
      await submitItem(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  app.post(
    `${path}/:item/proof`,
    {
      config: { policy: SignedIn },
      bodyLimit: DOCUMENT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary:
          "Upload an item's proof as the raw request body (PDF, PNG, JPEG or DOCX, checked by content); identity and health proofs are encrypted",
        params: ItemParams,
        querystring: z.object({ name: z.string().trim().min(1, 'is required').max(300) }).strict(),
        response: { 200: ChecklistView },
      },
    },
    async (request) => {
      await uploadProof(deps, ctxOf(request), request.params.id, request.params.item, {
        ...uploadedFile(request),
        name: request.query.name,
      })
      return view(request)
    },
  )

  app.post(
    `${path}/:item/verify`,
    {
      config: { policy: SignedIn },
      schema: { tags, summary: 'Verify a submitted item (the office)', params: ItemParams, response: { 200: ChecklistView } },
    },
    async (request) => {
      await verifyItem(deps, ctxOf(request), request.params.id, request.params.item)
      return view(request)
    },
  )

  app.post(
    `${path}/:item/reject`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Reject an item with the reason; the student submits it again (the office)',
        params: ItemParams,
        body: z.object({ reason: Text(1000).min(1, 'is required') }).strict(),
        response: { 200: ChecklistView },
      },
    },
    async (request) => {
      await rejectItem(deps, ctxOf(request), request.params.id, request.params.item, request.body.reason)
      return view(request)
    },
  )
}
