import type { Instance } from './instance.js'

// The checks of an instance that the schema cannot make: ids are unique and every reference
// names one. Kept apart from the schema so that `meridian allocate` runs without loading zod.

export class InvalidInstanceError extends Error {
  constructor(readonly problems: string[]) {
    super(`The allocation instance is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export const MAX_PROBLEMS = 50

/** The instance when every id is unique and every reference names one; else InvalidInstanceError naming each offender. */
export function checkReferences(instance: Instance): Instance {
  const problems = referenceProblems(instance)
  if (problems.length) throw new InvalidInstanceError(problems)
  return instance
}

function referenceProblems(instance: Instance): string[] {
  const problems: string[] = []
  const note = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }
  const opportunityAt = new Map<string, number>()
  instance.opportunities.forEach((o, i) => {
    const first = opportunityAt.get(o.id)
    if (first !== undefined) note(`opportunities[${i}]: id "${o.id}" is already used by opportunities[${first}]`)
    else opportunityAt.set(o.id, i)
  })
  const applicantAt = new Map<string, number>()
  instance.applicants.forEach((a, i) => {
    const first = applicantAt.get(a.id)
    if (first !== undefined) note(`applicants[${i}]: id "${a.id}" is already used by applicants[${first}]`)
    else applicantAt.set(a.id, i)
  })
  instance.applicants.forEach((a, i) => {
    const prefs = a.preferences
    // A few choices are checked for repeats by looking back; a long list through a set.
    const seen = prefs.length > 32 ? new Set<string>() : null
    for (let j = 0; j < prefs.length; j++) {
      const p = prefs[j]!
      if (!opportunityAt.has(p)) note(`applicants[${i}] (${a.id}).preferences[${j}]: "${p}" is not an opportunity`)
      if (seen ? seen.has(p) : prefs.indexOf(p) < j) note(`applicants[${i}] (${a.id}).preferences[${j}]: "${p}" is listed twice`)
      seen?.add(p)
    }
  })
  instance.opportunities.forEach((o, i) => {
    const seen = new Set<string>()
    o.priority?.forEach((p, j) => {
      if (!applicantAt.has(p)) note(`opportunities[${i}] (${o.id}).priority[${j}]: "${p}" is not an applicant`)
      if (seen.has(p)) note(`opportunities[${i}] (${o.id}).priority[${j}]: "${p}" is listed twice`)
      seen.add(p)
    })
  })
  return problems
}
