import { z } from 'zod'
import { NomineeSchema } from '../../../../shared/api/nominations.js'
import { DOCUMENT_MAX_BYTES, documentLanguage, LANGUAGES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { uploadedFile } from '../../../http/files.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { OFFICE, PARTNERS } from '../../../kernel/roles.js'
import { Text } from '../../../kernel/schema.js'
import { AT_HOST, accessTo, forHost } from '../../applications/applications/applications.policy.js'
import { ApplicationSchema, DocumentSchema } from '../../applications/applications/applications.schema.js'
import { loadApplication } from '../../applications/applications/applications.service.js'
import { uploadDocument } from '../../applications/documents/documents.service.js'
import { decideNomination, nominate, nomineesOf } from './nominations.service.js'

const tags = ['nominations']

export function nominationsRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/applications/:id/nominate',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Nominate an applicant who accepted their place to the host; its partner coordinators and contacts are e-mailed',
        params: IdParams,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      await nominate(deps, ctxOf(request), request.params.id)
      return loadApplication(deps.db, request.params.id, deps.clock.now())
    },
  )

  app.get(
    '/api/applications/:id/nomination-letter',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'The nomination letter (PDF) on the home letterhead, in the given language (default: mine)',
        params: IdParams,
        querystring: z.object({ lang: z.enum(LANGUAGES).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor
      const { row, access } = await accessTo(deps.db, actor, request.params.id)
      if (access === 'reviewer') throw AppError.notFound('The application')
      if (!AT_HOST.includes(row.status)) throw new AppError(AppErrorCode.CONFLICT, 'The applicant has not been nominated.')
      const { nominationLetter } = await import('./nomination-letter.js')
      const lang = documentLanguage(request.query.lang, actor.locale)
      const pdf = await nominationLetter(deps.db, row.id, lang)
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="nomination.pdf"')
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )

  app.get(
    '/api/nominations',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Our nominees to my institution, newest first',
        response: { 200: z.object({ items: z.array(NomineeSchema) }) },
      },
    },
    async (request) => ({ items: (await nomineesOf(deps.db, request.auth!.actor)) as z.infer<typeof NomineeSchema>[] }),
  )

  app.post(
    '/api/nominations/:id/decision',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Accept or reject a nominee (a rejection needs a reason); the student is told',
        params: IdParams,
        body: z
          .object({
            decision: z.enum(['accept', 'reject']),
            reason: Text(2000).min(1, 'must not be empty').nullable().default(null),
          })
          .strict(),
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      await decideNomination(deps, ctxOf(request), request.params.id, request.body)
      const dto = await loadApplication(deps.db, request.params.id, deps.clock.now())
      return forHost(dto)
    },
  )

  app.post(
    '/api/nominations/:id/acceptance-letter',
    {
      config: { policy: PARTNERS },
      bodyLimit: DOCUMENT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: "Upload the host's letter of acceptance as the raw request body (PDF, PNG, JPEG or DOCX, checked by content)",
        params: IdParams,
        querystring: z.object({ name: z.string().trim().min(1, 'is required').max(300) }).strict(),
        response: { 201: DocumentSchema },
      },
    },
    async (request, reply) => {
      const id = await uploadDocument(deps, ctxOf(request), request.params.id, {
        ...uploadedFile(request),
        kind: 'acceptance_letter',
        name: request.query.name,
        expiresOn: null,
      })
      const dto = await loadApplication(deps.db, request.params.id, deps.clock.now())
      return reply.status(201).send(dto.documents.find((d) => d.id === id)!)
    },
  )
}
