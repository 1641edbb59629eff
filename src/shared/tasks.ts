// The kinds of work that wait for the office (decision 028): the home page's card and the daily digest list them.

export const TASK_KINDS = [
  'toNominate',
  'checklistToVerify',
  'checklistExpiring',
  'agreementsToSign',
  'toRecognise',
  'surveysToModerate',
  'deletionRequests',
] as const
export type TaskKind = (typeof TASK_KINDS)[number]
