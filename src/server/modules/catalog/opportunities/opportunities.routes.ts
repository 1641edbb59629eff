import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { Public, SignedIn } from '../../../http/policy.js'
import { type App, IdParams, paged, pageOf } from '../../../http/types.js'
import { OFFICE } from '../../../kernel/roles.js'
import { Catalog } from './catalog.js'
import { addToList, listedIds, removeFromList } from './favourites.js'
import {
  CatalogAnswerSchema,
  CatalogItemSchema,
  CatalogQuery,
  OpportunityBody,
  OpportunityListQuery,
  OpportunitySchema,
} from './opportunities.schema.js'
import {
  createOpportunity,
  listOpportunities,
  loadOpportunity,
  setOpportunityStatus,
  updateOpportunity,
} from './opportunities.service.js'

/** The office edits (a coordinator only their unit's, checked by the service); the catalog is public. */

const tags = ['opportunities']

export function opportunitiesRoutes(app: App, deps: Deps): void {
  const catalog = new Catalog(deps.db)

  app.get(
    '/api/catalog',
    {
      config: { policy: Public },
      schema: {
        tags: ['catalog'],
        summary: 'Search the published opportunities, with facet counts',
        querystring: CatalogQuery,
        response: { 200: CatalogAnswerSchema },
      },
    },
    async (request) => catalog.search(request.query),
  )

  app.get(
    '/api/catalog/:id',
    {
      config: { policy: Public },
      schema: { tags: ['catalog'], summary: 'A published opportunity', params: IdParams, response: { 200: OpportunitySchema } },
    },
    async (request) => {
      const found = await loadOpportunity(deps.db, request.params.id)
      if (found?.status !== 'published') throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity in the catalog.')
      return found
    },
  )

  for (const [list, what] of [
    ['favourites', 'my favourites'],
    ['alerts', 'the opportunities I am told about when a call offering them opens'],
  ] as const) {
    app.get(
      `/api/me/${list}`,
      {
        config: { policy: SignedIn },
        schema: {
          tags: ['catalog'],
          summary: `Opportunities among ${what}, as long as they are in the catalog`,
          response: { 200: z.object({ items: z.array(CatalogItemSchema) }) },
        },
      },
      async (request) => ({ items: await catalog.items(await listedIds(deps.db, list, request.auth!.actor.id)) }),
    )

    app.put(
      `/api/me/${list}/:id`,
      {
        config: { policy: SignedIn },
        schema: { tags: ['catalog'], summary: `Add an opportunity to ${what}`, params: IdParams },
      },
      async (request, reply) => {
        await addToList(deps, ctxOf(request), list, request.params.id)
        return reply.code(204).send()
      },
    )

    app.delete(
      `/api/me/${list}/:id`,
      {
        config: { policy: SignedIn },
        schema: { tags: ['catalog'], summary: `Remove an opportunity from ${what}`, params: IdParams },
      },
      async (request, reply) => {
        await removeFromList(deps, ctxOf(request), list, request.params.id)
        return reply.code(204).send()
      },
    )
  }

  app.get(
    '/api/opportunities',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Opportunities, drafts included',
        querystring: OpportunityListQuery,
        response: { 200: paged(OpportunitySchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query
      const { items, total } = await listOpportunities(deps.db, filter, page, pageSize)
      return pageOf(items, total, page, pageSize)
    },
  )

  app.get(
    '/api/opportunities/:id',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'One opportunity', params: IdParams, response: { 200: OpportunitySchema } },
    },
    async (request) => {
      const found = await loadOpportunity(deps.db, request.params.id)
      if (!found) throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity.')
      return found
    },
  )

  app.post(
    '/api/opportunities',
    {
      config: { policy: OFFICE },
      schema: { tags, summary: 'Create an opportunity (a draft)', body: OpportunityBody, response: { 201: OpportunitySchema } },
    },
    async (request, reply) => {
      const id = await createOpportunity(deps, ctxOf(request), request.body)
      return reply.code(201).send((await loadOpportunity(deps.db, id))!)
    },
  )

  app.put(
    '/api/opportunities/:id',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Change an opportunity',
        params: IdParams,
        body: OpportunityBody,
        response: { 200: OpportunitySchema },
      },
    },
    async (request) => {
      await updateOpportunity(deps, ctxOf(request), request.params.id, request.body)
      catalog.invalidate()
      return (await loadOpportunity(deps.db, request.params.id))!
    },
  )

  app.post(
    '/api/opportunities/:id/status',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Publish, withdraw to draft, or archive an opportunity',
        params: IdParams,
        body: z.object({ status: z.enum(['draft', 'published', 'archived']) }).strict(),
        response: { 200: OpportunitySchema },
      },
    },
    async (request) => {
      await setOpportunityStatus(deps, ctxOf(request), request.params.id, request.body.status)
      catalog.invalidate()
      return (await loadOpportunity(deps.db, request.params.id))!
    },
  )
}
