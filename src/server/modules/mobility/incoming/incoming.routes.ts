import { z } from 'zod'
import { IncomingViewSchema } from '../../../../shared/api/mobilities.js'
import { documentLanguage, LANGUAGES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { CalendarDate, CountryCode, Text } from '../../../kernel/schema.js'
import { incomingLetter } from './incoming.letters.js'
import { admit, letterAllowed, loadIncoming, recordDeparture, saveVisaDetails } from './incoming.service.js'

const tags = ['incoming']
const LETTERS = ['acceptance', 'visa', 'certificate'] as const

const VisaDetails = z
  .object({
    nationality: CountryCode,
    dateOfBirth: CalendarDate,
    passportNumber: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{5,20}$/i, 'must be 5 to 20 letters and digits, as printed in the passport'),
    passportExpiresOn: CalendarDate,
  })
  .strict()

export function incomingRoutes(app: App, deps: Deps): void {
  const path = '/api/applications/:id/incoming'
  const view = (request: { params: { id: string } } & Parameters<typeof ctxOf>[0]) =>
    loadIncoming(deps.db, ctxOf(request), request.params.id)

  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "An incoming student's admission, letters and end of stay (the student and the office)",
        params: IdParams,
        response: { 200: IncomingViewSchema },
      },
    },
    async (request) => view(request),
  )

  app.post(
    '/api/applications/:id/admit',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Admit an incoming student who accepted their place; the letter of acceptance follows (the office)',
        params: IdParams,
        response: { 200: IncomingViewSchema },
      },
    },
    async (request) => {
      await admit(deps, ctxOf(request), request.params.id)
      return view(request)
    },
  )

  app.put(
    `${path}/visa-details`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'What the visa invitation letter needs: nationality, date of birth and passport (the student or the office)',
        params: IdParams,
        body: VisaDetails,
        response: { 200: IncomingViewSchema },
      },
    },
    async (request) => {
      await saveVisaDetails(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  app.post(
    `${path}/departure`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Confirm the last day of the stay with an evaluation; the certificate of attendance follows (the office)',
        params: IdParams,
        body: z.object({ leftOn: CalendarDate, evaluation: Text(2000).min(1, 'is required') }).strict(),
        response: { 200: IncomingViewSchema },
      },
    },
    async (request) => {
      await recordDeparture(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  app.get(
    '/api/applications/:id/letters/:kind',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'A letter to an incoming student (PDF) on the home letterhead, in the given language (default: mine)',
        params: z
          .object({ id: z.uuid('must be a UUID'), kind: z.enum(LETTERS, 'must be acceptance, visa or certificate') })
          .strict(),
        querystring: z.object({ lang: z.enum(LANGUAGES).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request)
      await letterAllowed(deps.db, ctx, request.params.id, request.params.kind)
      const lang = documentLanguage(request.query.lang, request.auth!.actor.locale)
      const pdf = await incomingLetter(deps.db, request.params.id, request.params.kind, lang)
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${request.params.kind}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )
}
