import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { Public } from '../../../http/policy.js'
import { type App, IdParams, paged, pageOf } from '../../../http/types.js'
import { OFFICE } from '../../../kernel/roles.js'
import { suggestPlaces } from './calls.places.js'
import {
  CallBody,
  type CallDto,
  CallListQuery,
  CallSchema,
  CallStatusBody,
  PublicCallListQuery,
  SuggestionBody,
  SuggestionSchema,
} from './calls.schema.js'
import { callsOffering, createCall, listCalls, loadCall, setCallStatus, updateCall } from './calls.service.js'

const tags = ['calls']

/** What the public sees of a call: only the opportunities that are still in the catalog. */
function publicView(call: CallDto): CallDto {
  const offers = call.offers.filter((o) => o.published)
  return {
    ...call,
    offers,
    placesTotal: offers.reduce((n, o) => n + o.places, 0),
    placesLeft: offers.reduce((n, o) => n + o.placesLeft, 0),
  }
}

export function callsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/public/calls',
    {
      config: { policy: Public },
      schema: {
        tags,
        summary: 'Published calls for applications, upcoming, open and closed',
        querystring: PublicCallListQuery,
        response: { 200: paged(CallSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query
      const { items, total } = await listCalls(deps.db, { ...request.query, status: ['published'] }, deps.clock.now())
      return pageOf(items.map(publicView), total, page, pageSize)
    },
  )

  app.get(
    '/api/public/calls/:id',
    {
      config: { policy: Public },
      schema: { tags, summary: 'A published call', params: IdParams, response: { 200: CallSchema } },
    },
    async (request) => {
      const found = await loadCall(deps.db, request.params.id, deps.clock.now())
      if (found?.status !== 'published') throw new AppError(AppErrorCode.NOT_FOUND, 'No such call.')
      return publicView(found)
    },
  )

  app.get(
    '/api/catalog/:id/calls',
    {
      config: { policy: Public },
      schema: {
        tags: ['catalog'],
        summary: 'Published calls, upcoming or open, that offer places in an opportunity',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CallSchema) }) },
      },
    },
    async (request) => ({ items: (await callsOffering(deps.db, request.params.id, deps.clock.now())).map(publicView) }),
  )

  app.get(
    '/api/calls',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'Calls, drafts included', querystring: CallListQuery, response: { 200: paged(CallSchema) } },
    },
    async (request) => {
      const { page, pageSize } = request.query
      const { items, total } = await listCalls(deps.db, request.query, deps.clock.now())
      return pageOf(items, total, page, pageSize)
    },
  )

  app.get(
    '/api/calls/:id',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'One call', params: IdParams, response: { 200: CallSchema } },
    },
    async (request) => {
      const found = await loadCall(deps.db, request.params.id, deps.clock.now())
      if (!found) throw new AppError(AppErrorCode.NOT_FOUND, 'No such call.')
      return found
    },
  )

  app.post(
    '/api/calls/place-suggestions',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: "Places to offer per opportunity in an academic year, from the agreements' mobilities per year",
        body: SuggestionBody,
        response: { 200: z.object({ items: z.array(SuggestionSchema) }) },
      },
    },
    async (request) => ({ items: await suggestPlaces(deps.db, request.body.academicYear, request.body.opportunityIds) }),
  )

  app.post(
    '/api/calls',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'Create a call (a draft)', body: CallBody, response: { 201: CallSchema } },
    },
    async (request, reply) => {
      const id = await createCall(deps, ctxOf(request), request.body)
      return reply.code(201).send((await loadCall(deps.db, id, deps.clock.now()))!)
    },
  )

  app.put(
    '/api/calls/:id',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'Change a call', params: IdParams, body: CallBody, response: { 200: CallSchema } },
    },
    async (request) => {
      await updateCall(deps, ctxOf(request), request.params.id, request.body)
      return (await loadCall(deps.db, request.params.id, deps.clock.now()))!
    },
  )

  app.post(
    '/api/calls/:id/status',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Publish a call, withdraw it to draft before it opens, or cancel it with a reason',
        params: IdParams,
        body: CallStatusBody,
        response: { 200: CallSchema },
      },
    },
    async (request) => {
      await setCallStatus(deps, ctxOf(request), request.params.id, request.body.status, request.body.reason)
      return (await loadCall(deps.db, request.params.id, deps.clock.now()))!
    },
  )
}
