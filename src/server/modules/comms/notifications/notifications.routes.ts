import { z } from 'zod'
import { NotificationSchema } from '../../../../shared/api/comms.js'
import type { Deps } from '../../../deps.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, PageQuery } from '../../../http/types.js'
import { markRead, notificationsOf } from './notify.js'

const tags = ['notifications']

export function notificationsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/notifications',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'What I was told, newest first, and how many I have not read',
        querystring: z.object({ ...PageQuery, unread: z.enum(['true', 'false']).optional() }).strict(),
        response: {
          200: z.object({
            items: z.array(NotificationSchema),
            total: z.number(),
            unread: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize, unread } = request.query
      const found = await notificationsOf(deps.db, request.auth!.actor.id, { page, pageSize, unread: unread === 'true' })
      return { ...found, page, pageSize }
    },
  )

  app.post(
    '/api/me/notifications/read',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Mark my notifications read: those listed, or all when no list is given',
        body: z.object({ ids: z.array(z.uuid('must be a notification id')).max(200).optional() }).strict(),
      },
    },
    async (request, reply) => {
      await markRead(deps.db, request.auth!.actor.id, request.body.ids ?? null)
      return reply.status(204).send()
    },
  )
}
