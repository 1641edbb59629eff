import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import type { Matching } from './engine.js'

// What an allocation says to the people it concerns: who got what, where each opportunity's
// line fell, and for every applicant why each choice they ranked higher did not take them.

const LEVEL = new Map<string, number>(CEFR_LEVELS.map((l, i) => [l, i]))

export type Unmet =
  | { requirement: 'language'; language: string; required: string; has: string | null }
  | { requirement: 'host_ranking' }

export type Explanation =
  | { opportunity: string; reason: 'not_eligible'; unmet: Unmet[] }
  | {
      opportunity: string
      reason: 'full'
      /** The lowest-placed applicant the opportunity took (null when it has no places). */
      lastAdmitted: string | null
      lastAdmittedScore: number | null
      score: number
      /** Positions in the host's own ranking (1 = first), when it ranked its candidates. */
      lastAdmittedRank?: number
      rank?: number
    }

export interface Cutoff {
  /** The score of the lowest-placed applicant taken; null when nobody was. */
  score: number | null
  lastAdmitted: string | null
  /** Their position in the host's own ranking, when it gave one. */
  rank?: number
  admitted: number
  capacity: number
}

export interface AllocationStats {
  applicants: number
  placed: number
  unplaced: number
  /** byChoice[k]: how many got their (k + 1)-th choice. */
  byChoice: number[]
  places: number
  placesLeft: number
}

export interface AllocationResult {
  assignments: Record<string, string | null>
  cutoffs: Record<string, Cutoff>
  explanations: Record<string, Explanation[]>
  stats: AllocationStats
}

/** Positions in the hosts' own rankings (1 = first), built for an opportunity when first asked. */
const hostRanks = new WeakMap<Matching, Map<number, Map<string, number>>>()

function hostRank(m: Matching, o: number, applicant: string): number | undefined {
  const priority = m.compiled.instance.opportunities[o]!.priority
  if (!priority) return undefined
  let byOpportunity = hostRanks.get(m)
  if (!byOpportunity) {
    byOpportunity = new Map()
    hostRanks.set(m, byOpportunity)
  }
  let ranks = byOpportunity.get(o)
  if (!ranks) {
    ranks = new Map(priority.map((id, i) => [id, i + 1]))
    byOpportunity.set(o, ranks)
  }
  return ranks.get(applicant)
}

/** Why choice `i` (an index into the compiled choices) of applicant `a` did not take them. */
export function explainChoice(m: Matching, a: number, i: number): Explanation {
  const { instance, prefOpportunity, prefKey } = m.compiled
  const o = prefOpportunity[i]!
  const opportunity = instance.opportunities[o]!
  const applicant = instance.applicants[a]!
  if (prefKey[i]! < 0) {
    const unmet: Unmet[] = []
    if (opportunity.priority && hostRank(m, o, applicant.id) === undefined) unmet.push({ requirement: 'host_ranking' })
    const languages = opportunity.requirements?.languages
    for (const language in languages) {
      const required = languages[language]!
      const has = applicant.languages[language] ?? null
      if (has === null || LEVEL.get(has)! < LEVEL.get(required)!) unmet.push({ requirement: 'language', language, required, has })
    }
    return { opportunity: opportunity.id, reason: 'not_eligible', unmet }
  }
  const last = m.lastAdmitted[o]!
  const lastApplicant = last >= 0 ? instance.applicants[last]! : null
  const explanation: Explanation = {
    opportunity: opportunity.id,
    reason: 'full',
    lastAdmitted: lastApplicant?.id ?? null,
    lastAdmittedScore: lastApplicant?.score ?? null,
    score: applicant.score,
  }
  if (opportunity.priority) {
    const lastRank = lastApplicant ? hostRank(m, o, lastApplicant.id) : undefined
    if (lastRank !== undefined) explanation.lastAdmittedRank = lastRank
    explanation.rank = hostRank(m, o, applicant.id)!
  }
  return explanation
}

/** For each choice the applicant ranked above the one they got (or all, when unplaced), why not. */
export function explainApplicant(m: Matching, a: number): Explanation[] {
  const { prefStart } = m.compiled
  const start = prefStart[a]!
  const stop = m.choice[a]! >= 0 ? start + m.choice[a]! : prefStart[a + 1]!
  const out: Explanation[] = []
  for (let i = start; i < stop; i++) out.push(explainChoice(m, a, i))
  return out
}

export function cutoffOf(m: Matching, o: number): Cutoff {
  const { instance, capacity } = m.compiled
  const last = m.lastAdmitted[o]!
  const lastApplicant = last >= 0 ? instance.applicants[last]! : null
  const cutoff: Cutoff = {
    score: lastApplicant?.score ?? null,
    lastAdmitted: lastApplicant?.id ?? null,
    admitted: m.held[o]!,
    capacity: capacity[o]!,
  }
  const rank = lastApplicant ? hostRank(m, o, lastApplicant.id) : undefined
  if (rank !== undefined) cutoff.rank = rank
  return cutoff
}

export function statsOf(m: Matching, withdrawn?: ReadonlySet<number>): AllocationStats {
  const { applicants, opportunities, capacity } = m.compiled
  const byChoice: number[] = []
  let placed = 0
  let taking = 0
  for (let a = 0; a < applicants; a++) {
    if (withdrawn?.has(a)) continue
    taking++
    const k = m.choice[a]!
    if (k < 0) continue
    placed++
    while (byChoice.length <= k) byChoice.push(0)
    byChoice[k]!++
  }
  let places = 0
  let held = 0
  for (let o = 0; o < opportunities; o++) {
    places += capacity[o]!
    held += m.held[o]!
  }
  return { applicants: taking, placed, unplaced: taking - placed, byChoice, places, placesLeft: places - held }
}

/** The whole result, as the command prints it and a call stores it. */
export function present(m: Matching, withdrawn?: ReadonlySet<number>): AllocationResult {
  const { instance } = m.compiled
  const assignments: Record<string, string | null> = {}
  const explanations: Record<string, Explanation[]> = {}
  instance.applicants.forEach((applicant, a) => {
    if (withdrawn?.has(a)) return
    const o = m.assigned[a]!
    assignments[applicant.id] = o >= 0 ? instance.opportunities[o]!.id : null
    const why = explainApplicant(m, a)
    if (why.length) explanations[applicant.id] = why
  })
  const cutoffs: Record<string, Cutoff> = {}
  instance.opportunities.forEach((opportunity, o) => {
    cutoffs[opportunity.id] = cutoffOf(m, o)
  })
  return { assignments, cutoffs, explanations, stats: statsOf(m, withdrawn) }
}

/**
 * The same JSON value as `JSON.stringify(present(m))`, handed to `write` in pieces of about a
 * megabyte, for the command: it builds no objects for the half a million explanations of a large
 * instance, and most of each is a piece of text shared by every applicant its opportunity turned
 * away. Keys come in the instance's order.
 */
export function writePresented(m: Matching, write: (chunk: string) => void): void {
  const { instance, prefStart, prefOpportunity, prefKey } = m.compiled
  const { applicants, opportunities } = instance
  let out = ''
  const put = (s: string) => {
    out += s
    if (out.length >= 1 << 16) {
      write(out)
      out = ''
    }
  }
  const applicantId = applicants.map((a) => JSON.stringify(a.id))
  const opportunityId = opportunities.map((o) => JSON.stringify(o.id))
  // What every explanation of an opportunity says before the applicant's own part: "full" before
  // their score, "not eligible" before what they lack.
  const fullPrefix = opportunities.map((_, o) => {
    const last = m.lastAdmitted[o]!
    const lastScore = last >= 0 ? JSON.stringify(applicants[last]!.score) : 'null'
    return `{"opportunity":${opportunityId[o]},"reason":"full","lastAdmitted":${last >= 0 ? applicantId[last] : 'null'},"lastAdmittedScore":${lastScore},"score":`
  })
  const lastRankText = opportunities.map((opportunity, o) => {
    const last = m.lastAdmitted[o]!
    const rank = opportunity.priority && last >= 0 ? hostRank(m, o, applicants[last]!.id) : undefined
    return rank === undefined ? '' : `,"lastAdmittedRank":${rank}`
  })
  const notEligiblePrefix = opportunityId.map((id) => `{"opportunity":${id},"reason":"not_eligible","unmet":[`)
  /** What applicant `a` lacks for opportunity `o`, as explainChoice words it. */
  const unmetText = (a: number, o: number) => {
    const opportunity = opportunities[o]!
    const applicant = applicants[a]!
    let text = ''
    if (opportunity.priority && hostRank(m, o, applicant.id) === undefined) text = '{"requirement":"host_ranking"}'
    const languages = opportunity.requirements?.languages
    for (const language in languages) {
      const required = languages[language]!
      const has = applicant.languages[language] ?? null
      if (has !== null && LEVEL.get(has)! >= LEVEL.get(required)!) continue
      text += `${text ? ',' : ''}{"requirement":"language","language":${JSON.stringify(language)},"required":${JSON.stringify(required)},"has":${has === null ? 'null' : JSON.stringify(has)}}`
    }
    return text
  }

  put('{"assignments":{')
  for (let a = 0; a < applicants.length; a++) {
    const o = m.assigned[a]!
    put(`${a ? ',' : ''}${applicantId[a]}:${o >= 0 ? opportunityId[o] : 'null'}`)
  }
  put('},"cutoffs":{')
  for (let o = 0; o < opportunities.length; o++) put(`${o ? ',' : ''}${opportunityId[o]}:${JSON.stringify(cutoffOf(m, o))}`)
  put('},"explanations":{')
  let first = true
  for (let a = 0; a < applicants.length; a++) {
    const start = prefStart[a]!
    const stop = m.choice[a]! >= 0 ? start + m.choice[a]! : prefStart[a + 1]!
    if (start === stop) continue
    const score = JSON.stringify(applicants[a]!.score)
    let text = `${first ? '' : ','}${applicantId[a]}:[`
    first = false
    for (let i = start; i < stop; i++) {
      const o = prefOpportunity[i]!
      if (i > start) text += ','
      if (prefKey[i]! < 0) text += `${notEligiblePrefix[o]}${unmetText(a, o)}]}`
      else if (opportunities[o]!.priority) {
        text += `${fullPrefix[o]}${score}${lastRankText[o]},"rank":${hostRank(m, o, applicants[a]!.id)}}`
      } else text += `${fullPrefix[o]}${score}}`
    }
    put(`${text}]`)
  }
  put(`},"stats":${JSON.stringify(statsOf(m))}}`)
  if (out) write(out)
}
