import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Authenticator, Credentials } from './context.js'
import { AppError, AppErrorCode, sendProblem } from './errors.js'
import { evaluatePolicy, type Policy } from './policy.js'
import { safeEqual } from './safe-equal.js'

export const SESSION_COOKIE = 'meridian_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Paths served by plugins (API docs, the web app) that are public by nature. */
export function isPluginPath(url: string): boolean {
  return url.startsWith('/api/docs') || !url.startsWith('/api')
}

/**
 * The request pipeline's first step, before body parsing and validation: who is calling,
 * does the route's policy let them, and does a cookie-authenticated write carry its CSRF token.
 * A route without a policy cannot be registered.
 */
export interface RouteEntry {
  method: string
  url: string
  policy: Policy
}

const routeTables = new WeakMap<object, RouteEntry[]>()

/** Every API route with its policy: the source of the policy test matrix. */
export function routeTableOf(app: object): RouteEntry[] {
  return routeTables.get(app) ?? []
}

/** `authenticate` (the accounts room's) tells who the credentials belong to; the guard does not know how. */
export function registerGuard(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('auth', null)
  const table: RouteEntry[] = []
  routeTables.set(app, table)

  app.addHook('onRoute', (route) => {
    if (isPluginPath(route.url)) return
    const policy = route.config?.policy
    if (!policy) {
      throw new Error(`Route ${route.method} ${route.url} declares no policy; every API route must.`)
    }
    for (const method of [route.method].flat()) table.push({ method, url: route.url, policy })
  })

  app.addHook('onRequest', async (request, reply) => {
    const policy = request.routeOptions.config?.policy
    if (!policy) return // plugin paths and 404s
    request.auth = await authenticate(credentialsOf(request))
    const outcome = evaluatePolicy(policy, request.auth?.actor.role ?? null)
    if (outcome !== 'allowed') {
      logRefusal(request, outcome)
      const error =
        outcome === 'unauthenticated'
          ? new AppError(AppErrorCode.UNAUTHENTICATED, 'Sign in to use this, or send a valid API token.')
          : new AppError(AppErrorCode.FORBIDDEN, `Your role (${request.auth?.actor.role}) does not allow this.`)
      return sendProblem(request, reply, error)
    }
    if (request.auth?.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || !request.auth.csrfToken || !safeEqual(sent, request.auth.csrfToken)) {
        logRefusal(request, 'csrf')
        return sendProblem(
          request,
          reply,
          new AppError(
            AppErrorCode.FORBIDDEN,
            `A write with a session cookie must carry the ${CSRF_HEADER} header from /api/session.`,
          ),
        )
      }
    }
  })
}

/** Every refused authorisation, in one shape: time (UTC, by the logger), account, role, address, route. */
function logRefusal(request: FastifyRequest, outcome: string): void {
  request.log.warn(
    {
      event: 'authz.refused',
      outcome,
      account: request.auth?.actor.id ?? null,
      role: request.auth?.actor.role ?? null,
      address: request.ip,
      route: `${request.method} ${request.routeOptions.url}`,
    },
    'authorisation refused',
  )
}

function credentialsOf(request: FastifyRequest): Credentials {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return { bearer: header.slice(7).trim() }
  return {
    sessionCookie: request.cookies[SESSION_COOKIE] ?? null,
    unsign: (raw: string) => {
      const unsigned = request.unsignCookie(raw)
      return unsigned.valid ? unsigned.value : null
    },
  }
}
