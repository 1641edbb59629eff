import { z } from 'zod'
import { RATING_MAX, RATING_MIN, REVIEW_MAX } from '../../../../shared/surveys.js'
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

export { CatalogReviews, Survey, SurveyQueueItem, SurveyView } from '../../../../shared/api/surveys.js'

export const Rejection = z.object({ reason: Text(1000).min(1, 'is required') }).strict()
