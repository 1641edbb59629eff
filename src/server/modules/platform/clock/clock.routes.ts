import { z } from 'zod'
import type { Deps } from '../../../deps.js'
import type { App } from '../../../http/types.js'
import { MovableClock } from '../../../kernel/clock.js'
import { OFFICERS } from '../../../kernel/roles.js'

const MINUTES_IN_A_YEAR = 366 * 24 * 60

/**
 * Moves the server's clock forward, for the browser journeys (MOVABLE_CLOCK=true, never in
 * production): a call closes, an offer's deadline passes, without waiting. Not in the API's
 * description and not registered at all otherwise.
 */
export function clockRoutes(app: App, deps: Deps): void {
  const clock = deps.clock
  if (deps.env.MOVABLE_CLOCK !== 'true' || !(clock instanceof MovableClock)) return
  app.post(
    '/api/test/clock',
    {
      config: { policy: OFFICERS },
      schema: {
        hide: true,
        body: z.object({ advanceMinutes: z.number().int('must be whole minutes').min(1).max(MINUTES_IN_A_YEAR) }).strict(),
        response: { 200: z.object({ now: z.string() }) },
      },
    },
    async (request) => {
      const now = clock.advance(request.body.advanceMinutes * 60_000)
      request.log.warn({ now: now.toISOString() }, 'the test clock moved forward')
      return { now: now.toISOString() }
    },
  )
}
