import { z } from 'zod'
import { TaskGroupSchema } from '../../../../shared/api/comms.js'
import type { Deps } from '../../../deps.js'
import { SignedIn } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { pendingTasks } from './tasks.repository.js'

export function digestRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/tasks',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['account'],
        summary: 'What is waiting for me in the office, by kind (the same as the daily digest); empty for other roles',
        response: { 200: z.object({ groups: z.array(TaskGroupSchema) }) },
      },
    },
    async (request) => ({ groups: await pendingTasks(deps.db, request.auth!.actor, todayUtc(deps.clock.now())) }),
  )
}
