import { applicantIndexOf, type Compiled, type Matching, match } from './engine.js'

const UNACCEPTABLE = 0x7fffffff

// After the engine: an officer's hand adjustment checked for what it breaks, and a declined
// place given on by recomputing without the applicant who declined.

export type AssignmentProblem =
  | { applicant: string; opportunity: string; problem: 'not_chosen' | 'not_eligible' }
  | { applicant: null; opportunity: string; problem: 'over_capacity'; admitted: number; capacity: number }

export interface BlockingPair {
  /** An applicant who prefers this opportunity to what they hold… */
  applicant: string
  opportunity: string
  /** …and whom it would take: into a free place, or instead of the holder it ranks lowest. */
  instead: string | null
}

/**
 * Checks an assignment (applicant id → opportunity id or null), such as the engine's after an
 * officer's change: the places it gives that the rules do not allow, and the blocking pairs it
 * creates (an applicant and an opportunity that would both rather have each other).
 */
export function checkAssignment(c: Compiled, assignment: Record<string, string | null>) {
  const { instance, prefStart, prefOpportunity, prefKey, capacity } = c
  const problems: AssignmentProblem[] = []
  const held = new Int32Array(c.opportunities)
  // Worst (highest) key among each opportunity's holders, and who that is.
  const worstKey = new Int32Array(c.opportunities).fill(-1)
  const worst = new Int32Array(c.opportunities).fill(-1)
  const heldChoice = new Int32Array(c.applicants).fill(-1)
  for (let a = 0; a < c.applicants; a++) {
    const id = assignment[instance.applicants[a]!.id]
    if (id === undefined || id === null) continue
    const o = c.opportunityIndex.get(id)
    if (o === undefined) throw new Error(`assignment: "${id}" is not an opportunity`)
    held[o]!++
    let i = prefStart[a]!
    while (i < prefStart[a + 1]! && prefOpportunity[i] !== o) i++
    // A holder the rules would not have placed there ranks below every acceptable applicant.
    let key = UNACCEPTABLE
    if (i === prefStart[a + 1]) {
      problems.push({ applicant: instance.applicants[a]!.id, opportunity: id, problem: 'not_chosen' })
    } else {
      heldChoice[a] = i - prefStart[a]!
      if (prefKey[i]! < 0) problems.push({ applicant: instance.applicants[a]!.id, opportunity: id, problem: 'not_eligible' })
      else key = prefKey[i]!
    }
    if (key > worstKey[o]!) {
      worstKey[o] = key
      worst[o] = a
    }
  }
  for (let o = 0; o < c.opportunities; o++) {
    if (held[o]! > capacity[o]!) {
      problems.push({
        applicant: null,
        opportunity: instance.opportunities[o]!.id,
        problem: 'over_capacity',
        admitted: held[o]!,
        capacity: capacity[o]!,
      })
    }
  }
  const blockingPairs: BlockingPair[] = []
  for (let a = 0; a < c.applicants; a++) {
    const stop = heldChoice[a]! >= 0 ? prefStart[a]! + heldChoice[a]! : prefStart[a + 1]!
    for (let i = prefStart[a]!; i < stop; i++) {
      const key = prefKey[i]!
      const o = prefOpportunity[i]!
      if (key < 0 || capacity[o] === 0) continue
      if (held[o]! < capacity[o]!) {
        blockingPairs.push({ applicant: instance.applicants[a]!.id, opportunity: instance.opportunities[o]!.id, instead: null })
      } else if (worst[o]! >= 0 && key < worstKey[o]!) {
        blockingPairs.push({
          applicant: instance.applicants[a]!.id,
          opportunity: instance.opportunities[o]!.id,
          instead: instance.applicants[worst[o]!]!.id,
        })
      }
    }
  }
  return { problems, blockingPairs }
}

export interface Change {
  applicant: string
  from: string | null
  to: string | null
}

/**
 * Recomputes the allocation without the applicants who declined or withdrew (ids), and lists
 * those whose result changes: the people to tell. Removing an applicant never leaves anyone
 * else worse off in the applicant-optimal stable matching.
 */
export function reallocate(previous: Matching, withdrawnIds: Iterable<string>) {
  const c = previous.compiled
  const withdrawn = new Set<number>()
  const applicantIndex = applicantIndexOf(c)
  for (const id of withdrawnIds) {
    const a = applicantIndex.get(id)
    if (a === undefined) throw new Error(`"${id}" is not an applicant`)
    withdrawn.add(a)
  }
  const next = match(c, withdrawn)
  const changes: Change[] = []
  const name = (o: number) => (o >= 0 ? c.instance.opportunities[o]!.id : null)
  for (let a = 0; a < c.applicants; a++) {
    if (withdrawn.has(a) || previous.assigned[a] === next.assigned[a]) continue
    changes.push({ applicant: c.instance.applicants[a]!.id, from: name(previous.assigned[a]!), to: name(next.assigned[a]!) })
  }
  return { matching: next, withdrawn, changes }
}
