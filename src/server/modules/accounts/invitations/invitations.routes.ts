import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AdminOnly, Public } from '../../../http/policy.js'
import { type App, IdParams } from '../../../http/types.js'
import { setSessionCookie } from '../auth/auth.routes.js'
import { SessionSchema } from '../auth/auth.schema.js'
import { startSession } from '../auth/auth.service.js'
import { getUser } from '../users/users.service.js'
import { AcceptBody, InvitationLookup, InvitationSchema, InviteBody, TokenBody } from './invitations.schema.js'
import { acceptInvitation, invite, listPendingInvitations, lookupInvitation, revokeInvitation } from './invitations.service.js'

export function invitationsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/invitations',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['users'], summary: 'Pending invitations', response: { 200: z.array(InvitationSchema) } },
    },
    async () => listPendingInvitations(deps),
  )

  app.post(
    '/api/invitations',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['users'],
        summary: 'Invite a person by e-mail with a role',
        body: InviteBody,
        response: { 201: InvitationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await invite(deps, ctxOf(request), request.body)),
  )

  app.delete(
    '/api/invitations/:id',
    { config: { policy: AdminOnly }, schema: { tags: ['users'], summary: 'Withdraw a pending invitation', params: IdParams } },
    async (request, reply) => {
      await revokeInvitation(deps, ctxOf(request), request.params.id)
      return reply.status(204).send()
    },
  )

  app.post(
    '/api/invitations/lookup',
    {
      config: { policy: Public },
      schema: {
        tags: ['users'],
        summary: 'What an invitation link offers',
        body: TokenBody,
        response: { 200: InvitationLookup },
      },
    },
    async (request) => lookupInvitation(deps, request.body.token),
  )

  app.post(
    '/api/invitations/accept',
    {
      config: { policy: Public },
      schema: {
        tags: ['users'],
        summary: 'Accept an invitation: create the account and sign in',
        body: AcceptBody,
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const { userId } = await acceptInvitation(deps, ctxOf(request), request.body)
      const session = await startSession(deps, deps.db, userId, request.ip, request.headers['user-agent'] ?? null)
      setSessionCookie(deps, reply, session.token)
      return reply.status(201).send({ user: await getUser(deps, userId), csrfToken: session.csrfToken })
    },
  )
}
