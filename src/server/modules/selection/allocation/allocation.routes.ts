import { z } from 'zod'
import { AllocationSchema } from '../../../../shared/api/allocation.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { type App, IdParams } from '../../../http/types.js'
import { OFFICE } from '../../../kernel/roles.js'
import { Text } from '../../../kernel/schema.js'
import { adjust, allocationView, publishAllocation } from './allocation.service.js'

const tags = ['allocation']

export function allocationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/calls/:id/allocation',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: "The call's allocation: a dry run with the adjustments until published, then the offers and answers",
        params: IdParams,
        response: { 200: AllocationSchema },
      },
    },
    async (request) =>
      (await allocationView(deps.db, request.auth!.actor, request.params.id, deps.clock.now())) as z.infer<
        typeof AllocationSchema
      >,
  )

  app.post(
    '/api/calls/:id/allocation/adjustments',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary:
          'Give an applicant another of their choices (or none), with a reason; the dry run then shows the blocking pairs it creates',
        params: IdParams,
        body: z
          .object({
            applicationId: z.uuid('must be an application id'),
            opportunityId: z.uuid('must be an opportunity id').nullable(),
            reason: Text(1000).min(3, 'must say why (at least 3 characters)'),
          })
          .strict(),
        response: { 200: AllocationSchema },
      },
    },
    async (request) => {
      await adjust(deps, ctxOf(request), request.params.id, request.body)
      return (await allocationView(deps.db, request.auth!.actor, request.params.id, deps.clock.now())) as z.infer<
        typeof AllocationSchema
      >
    },
  )

  app.delete(
    '/api/calls/:id/allocation/adjustments/:applicationId',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Undo an adjustment',
        params: z.object({ id: z.uuid('must be a UUID'), applicationId: z.uuid('must be a UUID') }).strict(),
        response: { 200: AllocationSchema },
      },
    },
    async (request) => {
      await adjust(deps, ctxOf(request), request.params.id, { applicationId: request.params.applicationId, remove: true })
      return (await allocationView(deps.db, request.auth!.actor, request.params.id, deps.clock.now())) as z.infer<
        typeof AllocationSchema
      >
    },
  )

  app.post(
    '/api/calls/:id/allocation/publish',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary:
          'Publish the allocation after the call closes: offers until the deadline, the rest on the waiting list, everyone told',
        params: IdParams,
        body: z
          .object({
            offerDeadline: z.iso.datetime({ offset: true, error: 'must be a date and time such as 2027-03-01T17:00:00Z' }),
          })
          .strict(),
        response: { 200: AllocationSchema },
      },
    },
    async (request) => {
      await publishAllocation(deps, ctxOf(request), request.params.id, new Date(request.body.offerDeadline))
      return (await allocationView(deps.db, request.auth!.actor, request.params.id, deps.clock.now())) as z.infer<
        typeof AllocationSchema
      >
    },
  )
}
