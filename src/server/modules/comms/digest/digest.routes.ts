import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { SignedIn } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { pendingTasks, TASK_KINDS } from './tasks.repository.js'

const TaskGroup = z.object({
  kind: z.enum(TASK_KINDS),
  count: z.number().int(),
  items: z.array(z.object({ applicationId: z.uuid(), student: z.string() })).describe('The first five, oldest first'),
})

export function digestRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/tasks',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['account'],
        summary: 'What is waiting for me in the office, by kind (the same as the daily digest); empty for other roles',
        response: { 200: z.object({ groups: z.array(TaskGroup) }) },
      },
    },
    async (request) => ({ groups: await pendingTasks(deps.db, request.auth!.actor, todayUtc(deps.clock.now())) }),
  )
}
