import { z } from 'zod'
import type { Deps } from '../../deps.js'
import { ctxOf } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { AdminOnly, Public, SignedIn } from '../../http/policy.js'
import { type App, IdParams } from '../../http/types.js'
import { HomeSettingsBody, HomeSettingsSchema, InstitutionListQuery, InstitutionSchema, LogoBody } from './institutions.schema.js'
import {
  getHomeLogo,
  getHomeSettings,
  getInstitution,
  listInstitutions,
  listOrgUnits,
  setHomeLogo,
  updateHomeSettings,
} from './institutions.service.js'

const OrgUnitSchema = z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable() }).meta({ id: 'OrgUnit' })

export function institutionsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/institutions',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['institutions'],
        summary: 'Institutions I may see',
        querystring: InstitutionListQuery,
        response: { 200: z.array(InstitutionSchema) },
      },
    },
    async (request) =>
      listInstitutions(deps, request.auth!.actor, { q: request.query.q, partnersOnly: request.query.partnersOnly === 'true' }),
  )

  app.get(
    '/api/institutions/:id',
    {
      config: { policy: SignedIn },
      schema: { tags: ['institutions'], summary: 'One institution', params: IdParams, response: { 200: InstitutionSchema } },
    },
    async (request) => getInstitution(deps, request.auth!.actor, request.params.id),
  )

  app.get(
    '/api/org-units',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['institutions'],
        summary: "The home institution's organisational units",
        response: { 200: z.array(OrgUnitSchema) },
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
