import { z } from 'zod'
import { APPLICATION_STATUSES } from '../../../../shared/applications.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { type App, IdParams, IsoDateTime } from '../../../http/types.js'
import { PARTNERS } from '../../../kernel/roles.js'
import { Email, PersonName } from '../../accounts/users/users.schema.js'
import { nominateIncoming, nominationCalls, partnerNominations, withdrawIncomingNomination } from './partner-nominations.js'

const tags = ['incoming']
/** A text in several languages, by language code. */
const Text = z.record(z.string(), z.string())

const NominationCall = z.object({
  id: z.uuid(),
  title: Text,
  academicYear: z.string(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  timeZone: z.string(),
  opportunities: z.array(z.object({ id: z.uuid(), title: Text })),
})

const PartnerNomination = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  callId: z.uuid(),
  callTitle: Text,
  opportunityTitle: Text,
  nominatedBy: z.string().nullable(),
  createdAt: IsoDateTime,
  status: z.enum([...APPLICATION_STATUSES, 'invited', 'withdrawn']).describe("Where the student's application stands"),
})

/** A partner coordinator's nominations of their students to our electives (decision 032). */
export function partnerNominationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/partner/incoming-calls',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Our calls for visiting students that a partner may nominate to, with their electives',
        response: { 200: z.array(NominationCall) },
      },
    },
    async (request) => nominationCalls(deps.db, request.auth!.actor, deps.clock.now()),
  )

  app.get(
    '/api/partner/incoming-nominations',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: "The partner's nominations of its students, with where each application stands",
        response: { 200: z.array(PartnerNomination) },
      },
    },
    async (request) => partnerNominations(deps.db, request.auth!.actor),
  )

  app.post(
    '/api/partner/incoming-nominations',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Nominate a student of the partner to one of our electives: they are invited and find a draft application',
        body: z
          .object({
            callId: z.uuid('must be chosen'),
            opportunityId: z.uuid('must be chosen'),
            name: PersonName,
            email: Email,
          })
          .strict(),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const id = await nominateIncoming(deps, ctxOf(request), request.body)
      return reply.status(201).send({ id })
    },
  )

  app.delete(
    '/api/partner/incoming-nominations/:id',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Take back a nomination while the student has not submitted (their draft goes with it)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withdrawIncomingNomination(deps, ctxOf(request), request.params.id)
      return reply.status(204).send(null)
    },
  )
}
