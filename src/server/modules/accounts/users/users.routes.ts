import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AdminOnly, SignedIn } from '../../../http/policy.js'
import { type App, IdParams, pageOf } from '../../../http/types.js'
import { MeUpdateBody, UserListQuery, UserPage, UserSchema, UserUpdateBody } from './users.schema.js'
import { getUser, searchUsers, updateMe, updateUser } from './users.service.js'

export function usersRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me',
    { config: { policy: SignedIn }, schema: { tags: ['account'], summary: 'My account', response: { 200: UserSchema } } },
    async (request) => getUser(deps, request.auth!.actor.id),
  )

  app.patch(
    '/api/me',
    {
      config: { policy: SignedIn },
      schema: { tags: ['account'], summary: 'Change my name or language', body: MeUpdateBody, response: { 200: UserSchema } },
    },
    async (request) => updateMe(deps, ctxOf(request), request.body),
  )

  app.get(
    '/api/users',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['users'], summary: 'Search users', querystring: UserListQuery, response: { 200: UserPage } },
    },
    async (request) => {
      const { q, role, active, page, pageSize } = request.query
      const result = await searchUsers(deps, {
        q,
        role,
        active: active === undefined ? undefined : active === 'true',
        page,
        pageSize,
      })
      return pageOf(result.items, result.total, page, pageSize)
    },
  )

  app.get(
    '/api/users/:id',
    { config: { policy: AdminOnly }, schema: { tags: ['users'], params: IdParams, response: { 200: UserSchema } } },
    async (request) => getUser(deps, request.params.id),
  )

  app.patch(
    '/api/users/:id',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['users'],
        summary: 'Change role, scope, name or whether the account is active',
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: UserSchema },
      },
    },
    async (request) => updateUser(deps, ctxOf(request), request.params.id, request.body),
  )
}
