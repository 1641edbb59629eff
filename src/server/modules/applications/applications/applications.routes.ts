import { z } from 'zod'
import { DOCUMENT_KINDS } from '../../../../shared/calls.js'
import { DOCUMENT_MAX_BYTES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { sendAttachment, uploadedFile } from '../../../http/files.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams, IsoDateTime } from '../../../http/types.js'
import { APPLICANTS } from '../../../kernel/roles.js'
import { deleteDocument, downloadDocument, ownerAccessLog, uploadDocument } from '../documents/documents.service.js'
import { accessTo, forHost } from './applications.policy.js'
import { ApplicationBody, type ApplicationDto, ApplicationSchema, DocumentSchema, ProfileBody } from './applications.schema.js'
import {
  loadApplication,
  myApplications,
  profileOf,
  saveApplication,
  submitApplication,
  updateProfile,
} from './applications.service.js'

const tags = ['applications']

/** A reviewer reads the application without the applicant's e-mail and without special-category documents. */
function forReviewer(dto: ApplicationDto): ApplicationDto {
  return { ...forHost(dto), applicant: { ...dto.applicant, email: '' } }
}

export function applicationsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/profile',
    {
      config: { policy: APPLICANTS },
      schema: {
        tags,
        summary: 'My applicant profile (student number, year, programme, grades, languages)',
        response: { 200: ProfileBody },
      },
    },
    async (request) => profileOf(deps.db, request.auth!.actor.id),
  )

  app.put(
    '/api/me/profile',
    {
      config: { policy: APPLICANTS },
      schema: { tags, summary: 'Change my applicant profile', body: ProfileBody, response: { 200: ProfileBody } },
    },
    async (request) => {
      await updateProfile(deps, ctxOf(request), request.body)
      return profileOf(deps.db, request.auth!.actor.id)
    },
  )

  app.get(
    '/api/me/applications',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'My applications, newest first',
        response: { 200: z.object({ items: z.array(ApplicationSchema) }) },
      },
    },
    async (request) => ({ items: await myApplications(deps.db, request.auth!.actor, deps.clock.now()) }),
  )

  app.put(
    '/api/calls/:id/application',
    {
      config: { policy: APPLICANTS },
      schema: {
        tags,
        summary: 'Create or change my draft application in an open call',
        params: IdParams,
        body: ApplicationBody,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) =>
      loadApplication(deps.db, await saveApplication(deps, ctxOf(request), request.params.id, request.body), deps.clock.now()),
  )

  app.get(
    '/api/applications/:id',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "An application: the applicant's own, their call's office, or a reviewer's",
        params: IdParams,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      const { access } = await accessTo(deps.db, request.auth!.actor, request.params.id)
      const dto = await loadApplication(deps.db, request.params.id, deps.clock.now())
      if (access === 'reviewer') return forReviewer(dto)
      // The host sees whom to contact, but not the applicant's identity and health documents.
      if (access === 'host') return forHost(dto)
      return dto
    },
  )

  app.post(
    '/api/applications/:id/submit',
    {
      config: { policy: APPLICANTS },
      schema: {
        tags,
        summary: 'Submit my application before the call closes',
        params: IdParams,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      await submitApplication(deps, ctxOf(request), request.params.id)
      return loadApplication(deps.db, request.params.id, deps.clock.now())
    },
  )

  app.post(
    '/api/applications/:id/documents',
    {
      config: { policy: APPLICANTS },
      bodyLimit: DOCUMENT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload a document to my draft as the raw request body (PDF, PNG, JPEG or DOCX, checked by content); it replaces one of the same kind',
        params: IdParams,
        querystring: z
          .object({
            kind: z.enum(DOCUMENT_KINDS),
            name: z.string().trim().min(1, 'is required').max(300),
            expiresOn: z.iso.date('must be a date as YYYY-MM-DD').optional(),
          })
          .strict(),
        response: { 201: DocumentSchema },
      },
    },
    async (request, reply) => {
      const id = await uploadDocument(deps, ctxOf(request), request.params.id, {
        ...uploadedFile(request),
        kind: request.query.kind,
        name: request.query.name,
        expiresOn: request.query.expiresOn ?? null,
      })
      const dto = await loadApplication(deps.db, request.params.id, deps.clock.now())
      return reply.status(201).send(dto.documents.find((d) => d.id === id)!)
    },
  )

  app.get(
    '/api/applications/:id/document-log',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "Who downloaded or deleted the application's documents, and when (UTC)",
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(z.object({ documentId: z.uuid(), action: z.string(), at: IsoDateTime, by: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => {
      const { row, access } = await accessTo(deps.db, request.auth!.actor, request.params.id)
      if (access === 'reviewer' || access === 'host') throw AppError.notFound('The application')
      const rows = await ownerAccessLog(deps.db, row.applicant_id)
      return { items: rows.map((r) => ({ documentId: r.document_id, action: r.action, at: r.at.toISOString(), by: r.name })) }
    },
  )

  app.get(
    '/api/documents/:id',
    {
      config: { policy: SignedIn },
      schema: { tags, summary: 'Download a document (every download is logged)', params: IdParams },
    },
    async (request, reply) => {
      return sendAttachment(reply, await downloadDocument(deps, request.auth!.actor, request.params.id))
    },
  )

  app.delete(
    '/api/documents/:id',
    {
      config: { policy: SignedIn },
      schema: { tags, summary: 'Delete a document (mine in a draft, or the office at my request)', params: IdParams },
    },
    async (request, reply) => {
      await deleteDocument(deps, ctxOf(request), request.params.id)
      return reply.status(204).send()
    },
  )
}
