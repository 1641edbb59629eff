import { z } from 'zod'
import { MOBILITY_STATUSES } from '../../../../shared/mobilities.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, csvList, IdParams, IsoDateTime } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { OFFICE } from '../../../kernel/roles.js'
import { CalendarDate, CountryCode, Text } from '../../../kernel/schema.js'
import { addIncident, listIncidents, listMobilities } from './office.service.js'

const tags = ['mobilities']
const Severity = z.enum(['info', 'concern', 'emergency'], 'must be info, concern or emergency')

const MobilityListItem = z.object({
  applicationId: z.uuid(),
  student: z.object({ name: z.string(), email: z.string() }),
  opportunityTitle: z.record(z.string(), z.string()),
  host: z.object({ name: z.string(), country: z.string(), city: z.string().nullable() }),
  status: z.enum(MOBILITY_STATUSES),
  arrivedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  departOn: z.string().nullable().describe('From the travel dates of the checklist'),
  returnOn: z.string().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  emergencyContact: z
    .object({ name: z.string(), relationship: z.string(), phone: z.string(), email: z.string().nullable() })
    .nullable(),
  checklist: z.object({ verified: z.number().int(), total: z.number().int() }),
  incidents: z.number().int(),
  lastSeverity: Severity.nullable(),
})

const Incident = z.object({
  id: z.uuid(),
  severity: Severity,
  note: z.string(),
  occurredOn: z.string(),
  writtenAt: IsoDateTime,
  writtenBy: z.string().nullable(),
})

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
        response: { 200: z.object({ items: z.array(MobilityListItem) }) },
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
        response: { 200: z.object({ items: z.array(Incident) }) },
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
        response: { 201: z.object({ items: z.array(Incident) }) },
      },
    },
    async (request, reply) => {
      await addIncident(deps.db, ctxOf(request), request.params.id, request.body, todayUtc(deps.clock.now()))
      return reply.status(201).send({ items: await listIncidents(deps.db, request.auth!.actor, request.params.id) })
    },
  )
}
