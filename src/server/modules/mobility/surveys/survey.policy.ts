import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with a completion survey: the service refuses anyone else, and the page's
// actions ask the same table. Only the student and the office know a survey exists; the host and
// reviewers are told it does not.

/** Who may read the survey at all. */
export const SURVEY_READERS: readonly Access[] = ['owner', 'office']

export const SURVEY_STEPS = {
  /** The student answers, and rewrites while it is not published. */
  answer: { by: ['owner'], refusal: 'Only the student answers their survey.' },
  /** The office publishes, rejects or takes back a review. */
  moderate: { by: ['office'], refusal: 'The office moderates the surveys.' },
} as const satisfies Record<string, { by: readonly Access[]; refusal: string }>

export type SurveyStep = keyof typeof SURVEY_STEPS

export const readsSurvey = (access: Access) => SURVEY_READERS.includes(access)

export function mayTakeSurveyStep(step: SurveyStep, access: Access): boolean {
  return (SURVEY_STEPS[step].by as readonly Access[]).includes(access)
}
