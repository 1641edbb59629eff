import { z } from 'zod'
import { RATING_MAX, RATING_MIN, REVIEW_MAX, SURVEY_STATUSES } from '../../../../shared/surveys.js'
import { IsoDateTime } from '../../../http/types.js'
import { CatalogLanguage, Text } from '../../../kernel/schema.js'

const Rating = z
  .number('must be a whole number from 1 to 5')
  .int('must be a whole number from 1 to 5')
  .min(RATING_MIN, 'must be at least 1')
  .max(RATING_MAX, 'must be at most 5')

const Aspects = z
  .object({ supervision: Rating.nullable(), welcome: Rating.nullable(), housing: Rating.nullable() })
  .partial()
  .strict()

export const SurveyAnswers = z
  .object({
    rating: Rating.describe('The stay as a whole'),
    aspects: Aspects.default({}).describe(
      'Clinical supervision and teaching, the welcome at the host, housing; each may be left out',
    ),
    recommend: z.boolean('must be true or false').describe('Would they recommend the place to a friend'),
    review: Text(REVIEW_MAX)
      .min(20, 'must say a little more (at least 20 characters)')
      .describe('Published on the opportunity once the office has read it'),
    language: CatalogLanguage.describe('The language the review is written in'),
    showName: z.boolean('must be true or false').default(false).describe('Show the first name with the review'),
    officeNote: Text(REVIEW_MAX).default('').describe('For the office only, never published'),
  })
  .strict()
export type SurveyAnswers = z.infer<typeof SurveyAnswers>

const AspectRatings = z.object({
  supervision: z.number().nullable(),
  welcome: z.number().nullable(),
  housing: z.number().nullable(),
})

const Answers = z.object({
  rating: z.number().int(),
  aspects: AspectRatings,
  recommend: z.boolean(),
  review: z.string(),
  language: z.string(),
  showName: z.boolean(),
})

export const Survey = Answers.extend({
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
    Answers.extend({
      author: z.string().nullable().describe('The first name, when the student allowed it'),
      year: z.number().int().nullable(),
      publishedAt: IsoDateTime,
    }),
  ),
})

export const Rejection = z.object({ reason: Text(1000).min(1, 'is required') }).strict()
