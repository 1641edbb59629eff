import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import { diskGuard } from '../../../http/disk-guard.js'
import { Public } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { databaseReachable } from './health.repository.js'

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['embedded', 'postgres']),
  databaseReachable: z.boolean(),
  disk: z.object({
    freeMb: z.number().nullable(),
    minFreeMb: z.number(),
    /** False while writes are refused for want of space. */
    writable: z.boolean(),
  }),
  version: z.string(),
  time: z.string(),
})

export function healthRoutes(app: App, deps: Deps, version: string): void {
  app.get(
    '/api/health',
    {
      config: { policy: Public },
      schema: {
        tags: ['system'],
        summary: 'Status and which database is in use',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const reachable = await databaseReachable(deps.db)
      const disk = await diskGuard(deps.env).current()
      const healthy = reachable && disk.writable
      const body = {
        status: healthy ? ('ok' as const) : ('degraded' as const),
        database: deps.dbKind,
        databaseReachable: reachable,
        disk,
        version,
        time: deps.clock.now().toISOString(),
      }
      // A full disk stops writes, not reads: the process still serves, so it answers 200.
      return reply.status(reachable ? 200 : 503).send(body)
    },
  )

  app.get('/api/openapi.json', { config: { policy: Public }, schema: { hide: true } }, async () => app.swagger())
}
