import { z } from 'zod'
import { NominationCallSchema, PartnerNominationSchema } from '../../../../shared/api/nominations.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { type App, IdParams } from '../../../http/types.js'
import { PARTNERS } from '../../../kernel/roles.js'
import { Email, PersonName } from '../../accounts/users/users.schema.js'
import { nominateIncoming, nominationCalls, partnerNominations, withdrawIncomingNomination } from './partner-nominations.js'

const tags = ['incoming']

/** A partner coordinator's nominations of their students to our electives (decision 032). */
export function partnerNominationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/partner/incoming-calls',
    {
      config: { policy: PARTNERS },
      schema: {
        tags,
        summary: 'Our calls for visiting students that a partner may nominate to, with their electives',
        response: { 200: z.array(NominationCallSchema) },
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
        response: { 200: z.array(PartnerNominationSchema) },
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
