import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { MobilityView } from '../../../../shared/api/mobilities.js'
import { LA_MAX_CREDITS } from '../../../../shared/learning-agreements.js'
import { DOCUMENT_MAX_BYTES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { uploadedFile } from '../../../http/files.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { CalendarDate, Text } from '../../../kernel/schema.js'
import { DocumentSchema } from '../../applications/applications/applications.schema.js'
import { loadApplication } from '../../applications/applications/applications.service.js'
import { uploadDocument } from '../../applications/documents/documents.service.js'
import { confirmArrival, endStaffVisit, loadMobility, recognise, recordTranscript } from './mobility.service.js'

const tags = ['mobilities']
const Key = z.string().min(1).max(40)
const Credits = z
  .number()
  .min(0, 'must be 0 or more')
  .max(LA_MAX_CREDITS, `must be at most ${LA_MAX_CREDITS}`)
  .refine((v) => Number.isInteger(v * 2), 'must be a whole or half number of ECTS credits')
const Optional = (max: number) =>
  Text(max)
    .nullable()
    .default(null)
    .transform((v) => v || null)

const Result = z.object({ key: Key, grade: Text(20).min(1, 'must not be empty'), credits: Credits, passed: z.boolean() }).strict()
const Recognition = z
  .object({ key: Key, recognised: z.boolean(), credits: Credits, grade: Optional(20), note: Optional(500) })
  .strict()

const path = '/api/applications/:id/mobility'

export function mobilityRoutes(app: App, deps: Deps): void {
  const view = (request: FastifyRequest) =>
    loadMobility(deps.db, ctxOf(request), (request.params as { id: string }).id, todayUtc(deps.clock.now()))

  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary:
          'The mobility after the host accepted the student: arrival, transcript of records, recognition; and what I may do',
        params: IdParams,
        response: { 200: MobilityView },
      },
    },
    async (request) => view(request),
  )

  app.post(
    `${path}/arrival`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Confirm that the student has arrived at the host (the student, the office or the host)',
        params: IdParams,
        body: z.object({ arrivedOn: CalendarDate }).strict(),
        response: { 200: MobilityView },
      },
    },
    async (request) => {
      await confirmArrival(deps, ctxOf(request), request.params.id, request.body.arrivedOn)
      return view(request)
    },
  )

  app.put(
    `${path}/transcript`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary:
          "Record the host's transcript of records: a result for every component studied and the last day of the stay (the host or the office)",
        params: IdParams,
        body: z.object({ leftOn: CalendarDate, results: z.array(Result).max(40) }).strict(),
        response: { 200: MobilityView },
      },
    },
    async (request) => {
      await recordTranscript(deps, ctxOf(request), request.params.id, request.body)
      return view(request)
    },
  )

  const documentRoutes = [
    ['transcript-document', 'transcript_of_records', 'the transcript of records'],
    ['certificate-document', 'host_certificate', "the host's certificate of a staff visit"],
  ] as const
  for (const [route, kind, what] of documentRoutes)
    app.post(
      `${path}/${route}`,
      {
        config: { policy: SignedIn },
        bodyLimit: DOCUMENT_MAX_BYTES + 1024 * 1024,
        schema: {
          tags,
          summary: `Upload ${what} as the raw request body (PDF, PNG, JPEG or DOCX, checked by content)`,
          params: IdParams,
          querystring: z.object({ name: z.string().trim().min(1, 'is required').max(300) }).strict(),
          response: { 201: DocumentSchema },
        },
      },
      async (request, reply) => {
        const id = await uploadDocument(deps, ctxOf(request), request.params.id, {
          ...uploadedFile(request),
          kind,
          name: request.query.name,
          expiresOn: null,
        })
        const dto = await loadApplication(deps.db, request.params.id, deps.clock.now())
        return reply.status(201).send(dto.documents.find((d) => d.id === id)!)
      },
    )

  app.post(
    `${path}/visit-end`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: "Record the last day of an outgoing staff visit, once the host's certificate is uploaded",
        params: IdParams,
        body: z.object({ leftOn: CalendarDate }).strict(),
        response: { 200: MobilityView },
      },
    },
    async (request) => {
      await endStaffVisit(deps, ctxOf(request), request.params.id, request.body.leftOn)
      return view(request)
    },
  )

  app.put(
    `${path}/recognition`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Recognise the components of table B at home (the office); the mobility is then complete',
        params: IdParams,
        body: z.object({ recognition: z.array(Recognition).max(40) }).strict(),
        response: { 200: MobilityView },
      },
    },
    async (request) => {
      await recognise(deps, ctxOf(request), request.params.id, request.body.recognition)
      return view(request)
    },
  )
}
