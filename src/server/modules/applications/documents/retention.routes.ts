import { z } from 'zod'
import { RetentionSettings } from '../../../../shared/api/applications.js'
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AdminOnly } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { OFFICE } from '../../../kernel/roles.js'
import { retentionOverview, setRetentionDays } from './retention.js'

export function retentionRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/settings/documents',
    {
      config: { policy: OFFICE },
      schema: {
        tags: ['settings'],
        summary: 'How long identity and health documents are kept after a mobility ends',
        response: { 200: RetentionSettings },
      },
    },
    async () => retentionOverview(deps.db, todayUtc(deps.clock.now())),
  )

  app.put(
    '/api/settings/documents',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['settings'],
        summary: 'Set how many days after a mobility ends its identity and health documents are deleted',
        body: z
          .object({
            retentionDays: z
              .number('must be a whole number of days')
              .int('must be a whole number of days')
              .min(RETENTION_DAYS_MIN, `must be at least ${RETENTION_DAYS_MIN} days`)
              .max(RETENTION_DAYS_MAX, `must be at most ${RETENTION_DAYS_MAX} days`),
          })
          .strict(),
        response: { 200: RetentionSettings },
      },
    },
    async (request) => {
      await setRetentionDays(deps, ctxOf(request), request.body.retentionDays)
      return retentionOverview(deps.db, todayUtc(deps.clock.now()))
    },
  )
}
