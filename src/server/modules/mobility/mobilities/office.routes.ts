import { z } from 'zod'
import { IncidentSchema, MobilityListItemSchema } from '../../../../shared/api/mobilities.js'
import { MOBILITY_STATUSES } from '../../../../shared/mobilities.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, csvList, IdParams } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { OFFICE } from '../../../kernel/roles.js'
import { CalendarDate, CountryCode, Text } from '../../../kernel/schema.js'
import { addIncident, listIncidents, listMobilities } from './office.service.js'

const tags = ['mobilities']
const Severity = z.enum(['info', 'concern', 'emergency'], 'must be info, concern or emergency')

export function mobilityOfficeRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/mobilities',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary:
          'Outgoing mobilities after the host accepted: preparing, abroad, returned, recognised; or who is abroad on a day, with emergency contacts',
        querystring: z
          .object({
            status: csvList(z.enum(MOBILITY_STATUSES)).optional(),
            on: CalendarDate.optional().describe('Only those abroad on this day'),
            country: csvList(CountryCode).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(MobilityListItemSchema) }) },
      },
    },
    async (request) => ({ items: await listMobilities(deps.db, request.auth!.actor, request.query, todayUtc(deps.clock.now())) }),
  )

  app.get(
    '/api/applications/:id/incidents',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Incident notes on a mobility (the office only)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(IncidentSchema) }) },
      },
    },
    async (request) => ({ items: await listIncidents(deps.db, request.auth!.actor, request.params.id) }),
  )

  app.post(
    '/api/applications/:id/incidents',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Write an incident note on a mobility (the office only)',
        params: IdParams,
        body: z.object({ severity: Severity, occurredOn: CalendarDate, note: Text(4000).min(1, 'is required') }).strict(),
        response: { 201: z.object({ items: z.array(IncidentSchema) }) },
      },
    },
    async (request, reply) => {
      await addIncident(deps.db, ctxOf(request), request.params.id, request.body, todayUtc(deps.clock.now()))
      return reply.status(201).send({ items: await listIncidents(deps.db, request.auth!.actor, request.params.id) })
    },
  )
}
