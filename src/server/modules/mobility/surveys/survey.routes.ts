import { z } from 'zod'
import { SURVEY_STATUSES } from '../../../../shared/surveys.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { Public, SignedIn } from '../../../http/policy.js'
import { type App, csvList, IdParams, PageQuery, paged, pageOf } from '../../../http/types.js'
import { OFFICE } from '../../../kernel/roles.js'
import { CatalogReviews, Rejection, SurveyAnswers, SurveyQueueItem, SurveyView } from './survey.schema.js'
import { answerSurvey, catalogReviews, listSurveys, loadSurvey, moderateSurvey } from './survey.service.js'

const tags = ['surveys']
const path = '/api/applications/:id/survey'

export function surveyRoutes(app: App, deps: Deps): void {
  app.get(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'The completion survey of a mobility (the student and the office)',
        params: IdParams,
        response: { 200: SurveyView },
      },
    },
    async (request) => loadSurvey(deps.db, request.auth!.actor, request.params.id),
  )

  app.put(
    path,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Answer the completion survey, or rewrite it until the office publishes it (the student)',
        params: IdParams,
        body: SurveyAnswers,
        response: { 200: SurveyView },
      },
    },
    async (request) => {
      await answerSurvey(deps, ctxOf(request), request.params.id, request.body)
      return loadSurvey(deps.db, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    `${path}/publish`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Publish the review on the opportunity in the catalog (the office)',
        params: IdParams,
        response: { 200: SurveyView },
      },
    },
    async (request) => {
      await moderateSurvey(deps, ctxOf(request), request.params.id, { publish: true })
      return loadSurvey(deps.db, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    `${path}/reject`,
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Reject the review, or take a published one back, with a reason the student is told (the office)',
        params: IdParams,
        body: Rejection,
        response: { 200: SurveyView },
      },
    },
    async (request) => {
      await moderateSurvey(deps, ctxOf(request), request.params.id, { publish: false, reason: request.body.reason })
      return loadSurvey(deps.db, request.auth!.actor, request.params.id)
    },
  )

  app.get(
    '/api/surveys',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Completion surveys of the calls this person runs, newest first (pending ones are to moderate)',
        querystring: z.object({ status: csvList(z.enum(SURVEY_STATUSES)).optional(), ...PageQuery }).strict(),
        response: { 200: paged(SurveyQueueItem) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query
      const found = await listSurveys(deps.db, request.auth!.actor, request.query)
      return pageOf(found.items, found.total, page, pageSize)
    },
  )

  app.get(
    '/api/catalog/:id/reviews',
    {
      config: { policy: Public },
      schema: {
        tags: ['catalog'],
        summary: 'What students who went said: the published reviews of an opportunity and their averages',
        params: IdParams,
        querystring: z.object({ ...PageQuery }).strict(),
        response: { 200: CatalogReviews },
      },
    },
    async (request) => {
      return catalogReviews(deps.db, request.params.id, request.query.page, request.query.pageSize)
    },
  )
}
