import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import type { Deps } from './deps.js'
import { registerDiskGuard } from './http/disk-guard.js'
import { AppError, errorHandler, sendProblem } from './http/errors.js'
import { registerGuard } from './http/guard.js'
import { registerSecurityHeaders } from './http/security-headers.js'
import { registerTextGuard } from './http/text-guard.js'
import type { App } from './http/types.js'
import { authRoutes } from './modules/accounts/auth/auth.routes.js'
import { authenticate } from './modules/accounts/auth/auth.service.js'
import { invitationsRoutes } from './modules/accounts/invitations/invitations.routes.js'
import { tokensRoutes } from './modules/accounts/tokens/tokens.routes.js'
import { usersRoutes } from './modules/accounts/users/users.routes.js'
import { applicationsRoutes } from './modules/applications/applications/applications.routes.js'
import { deletionRequestRoutes } from './modules/applications/documents/deletion-requests.routes.js'
import { retentionRoutes } from './modules/applications/documents/retention.routes.js'
import { callsRoutes } from './modules/catalog/calls/calls.routes.js'
import { opportunitiesRoutes } from './modules/catalog/opportunities/opportunities.routes.js'
import { digestRoutes } from './modules/comms/digest/digest.routes.js'
import { mailTemplateRoutes } from './modules/comms/mail/templates.routes.js'
import { notificationsRoutes } from './modules/comms/notifications/notifications.routes.js'
import { importsRoutes } from './modules/imports/imports.routes.js'
import { checklistRoutes } from './modules/mobility/checklists/checklist.routes.js'
import { incomingRoutes } from './modules/mobility/incoming/incoming.routes.js'
import { partnerNominationRoutes } from './modules/mobility/incoming/partner-nominations.routes.js'
import { learningAgreementRoutes } from './modules/mobility/learning-agreements/la.routes.js'
import { mobilityRoutes } from './modules/mobility/mobilities/mobility.routes.js'
import { mobilityOfficeRoutes } from './modules/mobility/mobilities/office.routes.js'
import { nominationsRoutes } from './modules/mobility/nominations/nominations.routes.js'
import { staffRoutes } from './modules/mobility/staff/staff.routes.js'
import { surveyRoutes } from './modules/mobility/surveys/survey.routes.js'
import { auditRoutes } from './modules/platform/audit/audit.routes.js'
import { clockRoutes } from './modules/platform/clock/clock.routes.js'
import { healthRoutes } from './modules/platform/health/health.routes.js'
import { agreementsRoutes } from './modules/registry/agreements/agreements.routes.js'
import { institutionsRoutes } from './modules/registry/institutions/institutions.routes.js'
import { flowsRoutes } from './modules/reports/flows/flows.routes.js'
import { reportsRoutes } from './modules/reports/mobility/reports.routes.js'
import { allocationRoutes } from './modules/selection/allocation/allocation.routes.js'
import { offersRoutes } from './modules/selection/offers/offers.routes.js'
import { reviewsRoutes } from './modules/selection/reviews/reviews.routes.js'

export const VERSION = '0.1.0'

const UPLOAD_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]

/** The route modules, in one list: adding a module is adding a line here. */
const MODULES: ((app: App, deps: Deps) => void)[] = [
  authRoutes,
  usersRoutes,
  invitationsRoutes,
  tokensRoutes,
  institutionsRoutes,
  agreementsRoutes,
  importsRoutes,
  opportunitiesRoutes,
  callsRoutes,
  applicationsRoutes,
  deletionRequestRoutes,
  reviewsRoutes,
  allocationRoutes,
  offersRoutes,
  nominationsRoutes,
  learningAgreementRoutes,
  mobilityRoutes,
  mobilityOfficeRoutes,
  checklistRoutes,
  surveyRoutes,
  retentionRoutes,
  mailTemplateRoutes,
  partnerNominationRoutes,
  digestRoutes,
  incomingRoutes,
  staffRoutes,
  reportsRoutes,
  flowsRoutes,
  notificationsRoutes,
  auditRoutes,
  (app, deps) => healthRoutes(app, deps, VERSION),
  clockRoutes,
]

export interface AppOptions {
  /** A pino logger; none means silent (tests). */
  logger?: FastifyBaseLogger
  /** Folder of the built web app; served with a fallback to index.html for client routes. */
  webDir?: string | null
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    trustProxy: deps.env.TRUST_PROXY === 'true',
    bodyLimit: 100 * 1024,
    genReqId: () => `req-${randomUUID()}`,
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)
  // Only JSON bodies: a cross-site HTML form cannot send them, which backs up the CSRF check.
  app.removeContentTypeParser(['text/plain'])
  // Uploads (attachments, import files) arrive as the raw file with its own type. A cross-site form
  // cannot send these types without a CORS preflight, which we never grant.
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  await app.register(fastifyCookie, { secret: deps.env.sessionSecret })
  registerSecurityHeaders(app, { https: deps.env.secureCookies })
  registerTextGuard(app)
  registerDiskGuard(app, deps.env)

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Meridian API',
        version: VERSION,
        description:
          'The API of Meridian. Authenticate with the session cookie (writes need the x-csrf-token header from GET /api/session) or with a personal API token as "Authorization: Bearer mrd_…". Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'meridian_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  registerGuard(app, (credentials) => authenticate(deps, credentials))
  for (const register of MODULES) register(app, deps)

  const webDir = options.webDir
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // After a deploy the page must name the new build's files at once, so the HTML is checked on
      // every visit; the files under /assets carry their content's hash in the name and never change.
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.endsWith('.html')
            ? 'no-cache'
            : file.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'public, max-age=3600',
        ),
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!
    // A file that is not there (an old build's script, a mistyped image) is a 404, never the app's page.
    const isFile = pathname.startsWith('/assets/') || /\.[a-z0-9]{1,5}$/i.test(pathname)
    const isPage =
      request.method === 'GET' && !pathname.startsWith('/api') && !isFile && webDir && existsSync(path.join(webDir, 'index.html'))
    if (isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir)
    return sendProblem(request, reply, AppError.notFound(`${request.method} ${request.url.split('?')[0]}`))
  })

  return app
}
