import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AgreementView } from '../../../../shared/api/learning-agreements.js'
import { LA_GROUPS, LA_MAX_COMPONENTS, LA_MAX_CREDITS, LA_REASONS } from '../../../../shared/learning-agreements.js'
import { documentLanguage, LANGUAGES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { Text } from '../../../kernel/schema.js'
import { loadAgreement, newVersion, rejectVersion, saveDraft, signVersion, startAgreement } from './la.service.js'

const tags = ['learning agreements']
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
const Reason = z.enum(LA_REASONS).nullable().default(null)

const Component = z
  .object({
    key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, - or _'),
    group: z.enum(LA_GROUPS),
    title: Text(300).min(1, 'must not be empty'),
    code: Text(60)
      .nullable()
      .default(null)
      .transform((v) => v || null),
    credits: z
      .number()
      .min(0, 'must be 0 or more')
      .max(LA_MAX_CREDITS, `must be at most ${LA_MAX_CREDITS}`)
      .refine((v) => Number.isInteger(v * 2), 'must be a whole or half number of ECTS credits'),
    term: Text(100)
      .nullable()
      .default(null)
      .transform((v) => v || null),
    reasonCode: Reason,
    reasonText: Text(500)
      .nullable()
      .default(null)
      .transform((v) => v || null),
  })
  .strict()

const Removed = z
  .object({
    key: z.string().min(1).max(40),
    reasonCode: Reason,
    reasonText: Text(500)
      .nullable()
      .default(null)
      .transform((v) => v || null),
  })
  .strict()

const Period = { plannedStart: Month, plannedEnd: Month }

const Draft = z
  .object({
    ...Period,
    components: z.array(Component).max(LA_MAX_COMPONENTS, `must list at most ${LA_MAX_COMPONENTS} components`),
    removed: z.array(Removed).max(LA_MAX_COMPONENTS).default([]),
  })
  .strict()

const path = '/api/applications/:id/learning-agreement'

export function learningAgreementRoutes(app: App, deps: Deps): void {
  const view = (request: FastifyRequest) =>
    loadAgreement(deps.db, ctxOf(request), (request.params as { id: string }).id) as Promise<z.infer<typeof AgreementView>>

  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "The mobility's learning agreement with every version and signature, and what I may do with it",
        params: IdParams,
        response: { 200: AgreementView },
      },
    },
    async (request) => view(request),
  )

  app.post(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Start the learning agreement of a place the student holds (the student or the office)',
        params: IdParams,
        body: z.object(Period).strict(),
        response: { 201: AgreementView },
      },
    },
    async (request, reply) => {
      await startAgreement(deps, ctxOf(request), request.params.id, request.body)
      return reply.status(201).send(await view(request))
    },
  )

  app.put(
    `${path}/draft`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary:
          'Save the open draft: the planned period, the components and, in a change proposal, the approved components it removes',
        params: IdParams,
        body: Draft,
        response: { 200: AgreementView },
      },
    },
    async (request) => {
      await saveDraft(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  app.post(
    `${path}/versions`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Start a new version from the latest: a change proposal after an approval, or a new try after a rejection',
        params: IdParams,
        response: { 201: AgreementView },
      },
    },
    async (request, reply) => {
      await newVersion(deps, ctxOf(request), request.params.id)
      return reply.status(201).send(await view(request))
    },
  )

  app.post(
    `${path}/sign`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary:
          "Sign the open version for my party (student, sending or receiving coordinator); the student's signature proposes it, the third approves it",
        params: IdParams,
        body: z.object({ name: Text(200).min(1, 'must not be empty'), position: Text(200).min(1, 'must not be empty') }).strict(),
        response: { 200: AgreementView },
      },
    },
    async (request) => {
      await signVersion(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  app.post(
    `${path}/reject`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Reject the proposed version with a comment (sending or receiving coordinator); the student is told',
        params: IdParams,
        body: z.object({ comment: Text(2000).min(1, 'must not be empty') }).strict(),
        response: { 200: AgreementView },
      },
    },
    async (request) => {
      await rejectVersion(deps, ctxOf(request), request.params.id, request.body.comment)
      return view(request)
    },
  )

  app.get(
    `${path}/pdf`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'A version of the learning agreement as a PDF (default: the latest), in the given language (default: mine)',
        params: IdParams,
        querystring: z
          .object({ version: z.coerce.number().int().min(1).optional(), lang: z.enum(LANGUAGES).optional() })
          .strict(),
      },
    },
    async (request, reply) => {
      const { agreement } = await view(request)
      if (!agreement) throw AppError.notFound('The learning agreement')
      const version = request.query.version
        ? agreement.versions.find((v) => v.number === request.query.version)
        : agreement.versions[0]
      if (!version) throw AppError.notFound(`Version ${request.query.version}`)
      const actor = request.auth!.actor
      const lang = documentLanguage(request.query.lang, actor.locale)
      const { learningAgreementPdf } = await import('./la.pdf.js')
      const pdf = await learningAgreementPdf(agreement, version.number, lang)
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="learning-agreement-v${version.number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
}
