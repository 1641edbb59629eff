// The completion survey a student fills in after coming back (issue 6, point 8, decision 026): an
// overall rating, three aspects, whether they would recommend the place, a review that the office
// moderates before it appears on the opportunity in the catalog, and a note for the office alone.

/** pending (waiting for the office) → published (on the catalog) or rejected (with a reason; the student may rewrite it). */
export const SURVEY_STATUSES = ['pending', 'published', 'rejected'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]

/** What a student rates besides the whole stay, each from 1 to 5. */
export const SURVEY_ASPECTS = ['supervision', 'welcome', 'housing'] as const
export type SurveyAspect = (typeof SURVEY_ASPECTS)[number]

export const RATING_MIN = 1
export const RATING_MAX = 5
export const REVIEW_MAX = 2000

/** The mobility states in which the student may answer the survey: once the host's transcript has ended the stay. */
export const SURVEY_OPEN_IN: readonly string[] = ['returned', 'recognised']

/** How a published review names its author: their first name when they allowed it, otherwise nobody. */
export function authorLabel(fullName: string, showName: boolean): string | null {
  if (!showName) return null
  return fullName.trim().split(/\s+/)[0] || null
}

/** The mean of the ratings given, to one decimal, or null when there are none. */
export function meanRating(values: readonly (number | null)[]): number | null {
  const given = values.filter((v): v is number => v !== null)
  if (!given.length) return null
  return Math.round((given.reduce((s, v) => s + v, 0) / given.length) * 10) / 10
}
