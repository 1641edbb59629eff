import { z } from 'zod'
import { FlowSchema, InstitutionDetailSchema } from '../../../../shared/api/institutions.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { AdminOnly, Public, SignedIn } from '../../../http/policy.js'
import { EXPORT_MAX_ROWS, sendTable } from '../../../http/table-export.js'
import { type App, IdParams, PLAIN_JSON, paged, pageOf } from '../../../http/types.js'
import { OFFICERS, REGISTRY_READERS } from '../../../kernel/roles.js'
import { getHomeLogo, getHomeSettings, listOrgUnits, setHomeLogo, updateHomeSettings } from './home.service.js'
import { institutionColumns } from './institutions.export.js'
import { queryInstitutions } from './institutions.repository.js'
import {
  HomeSettingsBody,
  HomeSettingsSchema,
  InstitutionBody,
  InstitutionExportQuery,
  InstitutionListItemSchema,
  InstitutionListQuery,
  LogoBody,
  MergeBody,
  SimilarQuery,
  SimilarSchema,
  UnitSchema,
} from './institutions.schema.js'
import {
  createInstitution,
  findSimilar,
  getInstitutionDetail,
  mergeInstitutions,
  updateInstitution,
} from './institutions.service.js'

const tags = ['institutions']

export { FlowSchema, InstitutionDetailSchema }

export function institutionsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/institutions',
    {
      ...PLAIN_JSON,
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Search and filter institutions I may see',
        querystring: InstitutionListQuery,
        response: { 200: paged(InstitutionListItemSchema) },
      },
    },
    async (request) => {
      const { items, total, totalCapped } = await queryInstitutions(deps.db, request.auth!.actor, request.query)
      return pageOf(items, total, request.query.page, request.query.pageSize, totalCapped)
    },
  )

  app.get(
    '/api/institutions/export',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'The filtered list as CSV or XLSX (every page, in the same order)',
        querystring: InstitutionExportQuery,
      },
    },
    async (request, reply) => {
      const { items } = await queryInstitutions(deps.db, request.auth!.actor, {
        ...request.query,
        page: 1,
        pageSize: EXPORT_MAX_ROWS,
      })
      return sendTable(reply, request.query.format, 'institutions', institutionColumns, items)
    },
  )

  app.get(
    '/api/institutions/similar',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Institutions that look like the one described (same identifier, or near-identical name in the country)',
        querystring: SimilarQuery,
        response: { 200: z.array(SimilarSchema) },
      },
    },
    async (request) => {
      const { exclude, ...probe } = request.query
      return findSimilar(deps.db, probe, exclude)
    },
  )

  app.post(
    '/api/institutions',
    {
      config: { policy: OFFICERS },
      schema: { tags, summary: 'Add an institution', body: InstitutionBody, response: { 201: InstitutionDetailSchema } },
    },
    async (request, reply) => {
      const id = await createInstitution(deps, ctxOf(request), request.body)
      return reply.status(201).send(await getInstitutionDetail(deps, request.auth!.actor, id))
    },
  )

  app.get(
    '/api/institutions/:id',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'One institution with its contacts, units and planned flows',
        params: IdParams,
        response: { 200: InstitutionDetailSchema },
      },
    },
    async (request) => getInstitutionDetail(deps, request.auth!.actor, request.params.id),
  )

  app.put(
    '/api/institutions/:id',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Change an institution, its contacts and units',
        params: IdParams,
        body: InstitutionBody,
        response: { 200: InstitutionDetailSchema },
      },
    },
    async (request) => {
      await updateInstitution(deps, ctxOf(request), request.params.id, request.body)
      return getInstitutionDetail(deps, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    '/api/institutions/:id/merge',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Merge this duplicate into another institution, with its agreements, contacts and history',
        params: IdParams,
        body: MergeBody,
        response: { 200: InstitutionDetailSchema },
      },
    },
    async (request) => {
      const id = await mergeInstitutions(deps, ctxOf(request), request.params.id, request.body.into)
      return getInstitutionDetail(deps, request.auth!.actor, id)
    },
  )

  app.get(
    '/api/org-units',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['institutions'],
        summary: "The home institution's organisational units",
        response: { 200: z.array(UnitSchema) },
      },
    },
    async () => listOrgUnits(deps),
  )

  // Public: the sign-in page shows the home institution's name and logo.
  app.get(
    '/api/settings/institution',
    {
      config: { policy: Public },
      schema: { tags: ['settings'], summary: 'The home institution', response: { 200: HomeSettingsSchema } },
    },
    async () => getHomeSettings(deps),
  )

  app.put(
    '/api/settings/institution',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: 'Change the home institution',
        body: HomeSettingsBody,
        response: { 200: HomeSettingsSchema },
      },
    },
    async (request) => updateHomeSettings(deps, ctxOf(request), request.body),
  )

  app.put(
    '/api/settings/institution/logo',
    {
      config: { policy: AdminOnly },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['settings'],
        summary: 'Upload the logo (PNG, JPEG or WebP, at most 512 KB)',
        body: LogoBody,
        response: { 200: HomeSettingsSchema },
      },
    },
    async (request) => setHomeLogo(deps, ctxOf(request), request.body.dataUrl),
  )

  app.delete(
    '/api/settings/institution/logo',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['settings'], summary: 'Remove the logo', response: { 200: HomeSettingsSchema } },
    },
    async (request) => setHomeLogo(deps, ctxOf(request), null),
  )

  app.get(
    '/api/settings/institution/logo',
    { config: { policy: Public }, schema: { tags: ['settings'], summary: 'The logo image' } },
    async (_request, reply) => {
      const logo = await getHomeLogo(deps)
      if (!logo) throw AppError.notFound('The logo')
      return reply.type(logo.mime).header('cache-control', 'no-cache').send(logo.logo)
    },
  )
}
