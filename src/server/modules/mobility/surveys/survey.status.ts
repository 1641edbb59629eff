import type { SurveyStatus } from '../../../../shared/surveys.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A returning student's survey (decision 031): the first answer creates it pending; the student
// rewrites it until it is published; the office publishes it, rejects it with a reason, or takes a
// published one back. Every status write goes through `surveyLifecycle` (`create`, then `take`),
// audited under the application with the verbs the trail has always used.

const steps: Record<'answer' | 'rewrite' | 'publish' | 'reject' | 'withdraw', StepRule<SurveyStatus>> = {
  /** The student's first answers (`create`). */
  answer: { from: [], to: 'pending', past: 'answered', action: 'survey_answer', creates: true },
  rewrite: { from: ['pending', 'rejected'], to: 'pending', past: 'rewritten', action: 'survey_rewrite' },
  publish: { from: ['pending'], to: 'published', past: 'published', action: 'survey_publish' },
  reject: { from: ['pending'], to: 'rejected', past: 'rejected', action: 'survey_reject' },
  withdraw: { from: ['published'], to: 'rejected', past: 'taken back', action: 'survey_withdraw' },
}

export const surveyLifecycle = defineLifecycle({
  entity: 'application',
  noun: 'A survey',
  table: 'mobility_surveys',
  key: ['application_id'],
  steps,
})
