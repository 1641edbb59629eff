import type { FastifyRequest } from 'fastify'
import type { Role } from '../../shared/roles.js'

/** The signed-in person as services see them. */
export interface Actor {
  id: string
  email: string
  name: string
  role: Role
  orgUnitId: string | null
  institutionId: string | null
  locale: string
}

export interface Authentication {
  actor: Actor
  via: 'session' | 'token'
  sessionId: string | null
  csrfToken: string | null
}

/** What a request carries to say who sends it: an API token, or a signed session cookie. */
export interface Credentials {
  bearer?: string | null
  sessionCookie?: string | null
  unsign?: (raw: string) => string | null
}

/** Who the credentials belong to, if anyone (the accounts room answers; the guard asks). */
export type Authenticator = (credentials: Credentials) => Promise<Authentication | null>

/** What a service needs to know about the request: who, and which request (for the audit). */
export interface Ctx {
  actor: Actor | null
  requestId: string
  ip: string
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authentication | null
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  return { actor: request.auth?.actor ?? null, requestId: request.id, ip: request.ip }
}

/** For work started outside a request: commands, jobs, the seed. */
export function systemCtx(label = 'system'): Ctx {
  return { actor: null, requestId: label, ip: '127.0.0.1' }
}
