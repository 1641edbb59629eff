import { z } from 'zod'
import { ReviewerSchema, ReviewQueueItemSchema } from '../../../../shared/api/allocation.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { type App, IdParams } from '../../../http/types.js'
import { OFFICE, REVIEWERS } from '../../../kernel/roles.js'
import { Text } from '../../../kernel/schema.js'
import { managedCall } from '../../applications/applications/applications.policy.js'
import { reviewerCandidates, reviewersOf } from './reviews.repository.js'
import { declareConflict, myReview, reviewQueue, saveReview, setReviewers } from './reviews.service.js'

const tags = ['reviews']

const ReviewBody = z
  .object({
    scores: z.record(z.string(), z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100')),
    comment: Text(5000).nullable().default(null),
  })
  .strict()

export function reviewsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/calls/:id/reviewers',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: "A call's reviewers",
        params: IdParams,
        response: { 200: z.object({ items: z.array(ReviewerSchema) }) },
      },
    },
    async (request) => {
      await managedCall(deps.db, request.auth!.actor, request.params.id)
      return { items: await reviewersOf(deps.db, request.params.id) }
    },
  )

  app.get(
    '/api/calls/:id/reviewer-candidates',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Who may be named a reviewer: active committee members and office staff',
        params: IdParams,
        response: { 200: z.object({ items: z.array(ReviewerSchema) }) },
      },
    },
    async (request) => {
      await managedCall(deps.db, request.auth!.actor, request.params.id)
      return { items: await reviewerCandidates(deps.db) }
    },
  )

  app.put(
    '/api/calls/:id/reviewers',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: "Name a call's reviewers (committee members or office staff)",
        params: IdParams,
        body: z
          .object({
            userIds: z
              .array(z.uuid('must be a user id'))
              .max(50)
              .refine((ids) => new Set(ids).size === ids.length, 'must not name anyone twice'),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ReviewerSchema) }) },
      },
    },
    async (request) => {
      await setReviewers(deps, ctxOf(request), request.params.id, request.body.userIds)
      return { items: await reviewersOf(deps.db, request.params.id) }
    },
  )

  app.get(
    '/api/reviews',
    {
      config: { policy: REVIEWERS },
      schema: {
        tags,
        summary: 'The applications I review, call by call, and whether my review of each is complete',
        response: {
          200: z.object({
            items: z.array(ReviewQueueItemSchema),
          }),
        },
      },
    },
    async (request) => ({ items: await reviewQueue(deps.db, request.auth!.actor) }),
  )

  app.get(
    '/api/reviews/:id',
    {
      config: { policy: REVIEWERS },
      schema: { tags, summary: 'My review of an application', params: IdParams, response: { 200: ReviewBody } },
    },
    async (request) => myReview(deps.db, request.auth!.actor, request.params.id),
  )

  app.put(
    '/api/reviews/:id',
    {
      config: { policy: REVIEWERS },
      schema: {
        tags,
        summary: "Score an application on its call's criteria (0-100 each)",
        params: IdParams,
        body: ReviewBody,
        response: { 200: ReviewBody },
      },
    },
    async (request) => {
      await saveReview(deps, ctxOf(request), request.params.id, request.body)
      return myReview(deps.db, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    '/api/reviews/:id/conflict',
    {
      config: { policy: REVIEWERS },
      schema: {
        tags,
        summary: 'Declare a conflict of interest: I will not review this application and no longer see it',
        params: IdParams,
        body: z.object({ note: Text(1000).nullable().default(null) }).strict(),
      },
    },
    async (request, reply) => {
      await declareConflict(deps, ctxOf(request), request.params.id, request.body.note)
      return reply.status(204).send()
    },
  )
}
