import { z } from 'zod'
import { SURVEY_STATUSES } from '../surveys.js'
import { IsoDateTime } from './primitives.js'

// A returning student's survey as the API answers it (the student's and the office's view, the
// office's queue, the catalog's reviews): the server validates and documents its answers with
// these schemas, the web app reads the inferred types.

const AspectRatings = z.object({
  supervision: z.number().nullable(),
  welcome: z.number().nullable(),
  housing: z.number().nullable(),
})

/** A student's answers as the API gives them back. */
export const SurveyAnswersSchema = z.object({
  rating: z.number().int(),
  aspects: AspectRatings,
  recommend: z.boolean(),
  review: z.string(),
  language: z.string(),
  showName: z.boolean(),
})

export const Survey = SurveyAnswersSchema.extend({
  officeNote: z.string().nullable(),
  status: z.enum(SURVEY_STATUSES),
  submittedAt: IsoDateTime,
  moderatedAt: IsoDateTime.nullable(),
  rejection: z.string().nullable(),
})

export const SurveyView = z.object({
  open: z.boolean().describe('The stay has ended: the survey may be answered'),
  survey: Survey.nullable(),
  actions: z.object({ answer: z.boolean(), publish: z.boolean(), reject: z.boolean() }),
})

export const SurveyQueueItem = Survey.extend({
  applicationId: z.uuid(),
  student: z.string(),
  opportunityTitle: z.record(z.string(), z.string()),
  host: z.string(),
})

export const CatalogReviews = z.object({
  count: z.number().int(),
  rating: z.number().nullable(),
  aspects: AspectRatings,
  recommendShare: z.number().int().nullable().describe('Per cent of the published reviews that recommend the place'),
  items: z.array(
    SurveyAnswersSchema.extend({
      author: z.string().nullable().describe('The first name, when the student allowed it'),
      year: z.number().int().nullable(),
      publishedAt: IsoDateTime,
    }),
  ),
})
