import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { ApiTokenSchema, CreateTokenBody, RenewTokenBody } from './tokens.schema.js'
import { createToken, listMyTokens, renewToken, revokeToken } from './tokens.service.js'

/**
 * Personal API tokens for integrations: shown once, stored hashed, expiring (90 days unless said),
 * renewable and revocable by their owner; a changed or reset password revokes them all.
 */
export function tokensRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/tokens',
    {
      config: { policy: SignedIn },
      schema: { tags: ['account'], summary: 'My API tokens', response: { 200: z.array(ApiTokenSchema) } },
    },
    async (request) => listMyTokens(deps, ctxOf(request)),
  )

  app.post(
    '/api/me/tokens',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['account'],
        summary: 'Create an API token (the password asked again; 90 days unless said); its value is shown only in this response',
        body: CreateTokenBody,
        response: { 201: ApiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createToken(deps, ctxOf(request), request.body)),
  )

  app.post(
    '/api/me/tokens/:id/renewal',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['account'],
        summary: 'Renew one of my API tokens for the days asked, from today (the password asked again)',
        params: IdParams,
        body: RenewTokenBody,
        response: { 200: ApiTokenSchema },
      },
    },
    async (request) => renewToken(deps, ctxOf(request), request.params.id, request.body),
  )

  app.delete(
    '/api/me/tokens/:id',
    { config: { policy: SignedIn }, schema: { tags: ['account'], summary: 'Revoke one of my API tokens', params: IdParams } },
    async (request, reply) => {
      await revokeToken(deps, ctxOf(request), request.params.id)
      return reply.status(204).send()
    },
  )
}
