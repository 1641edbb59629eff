import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import type { Instance } from './instance.js'

// Applicant-proposing deferred acceptance (Gale–Shapley) over typed arrays (decision 017).
//
// Every opportunity orders its candidates by a key, lower first: its own ranking when the host
// gave one, else the common merit order (score, higher first; then the lottery number, lower
// first; then id). An applicant the opportunity does not accept (outside the host's ranking, or
// below a required language level) has no key for it. Each opportunity keeps the applicants it
// holds in a max-heap by key, so a better proposal replaces the worst held in O(log capacity).

const LEVEL = new Map<string, number>(CEFR_LEVELS.map((l, i) => [l, i]))

export interface Compiled {
  instance: Instance
  applicants: number
  opportunities: number
  /** Applicant a's choices are prefOpportunity[prefStart[a] .. prefStart[a + 1]), best first. */
  prefStart: Int32Array
  prefOpportunity: Int32Array
  /** The opportunity's key for the applicant of that choice, or -1 when it does not accept them. */
  prefKey: Int32Array
  capacity: Int32Array
  /** Position of each applicant in the common merit order. */
  meritRank: Int32Array
  /** 1 when the opportunity ranks its candidates itself. */
  ownOrder: Uint8Array
  opportunityIndex: Map<string, number>
}

/** Applicant positions by id, for the few callers that start from an id. */
export function applicantIndexOf(c: Compiled): Map<string, number> {
  return new Map(c.instance.applicants.map((a, i) => [a.id, i]))
}

export interface Matching {
  compiled: Compiled
  /** The opportunity each applicant holds, or -1. */
  assigned: Int32Array
  /** Choice number (0 = first) of each applicant's assignment, or -1. */
  choice: Int32Array
  /** The worst-ranked applicant each opportunity holds, or -1 when it holds none. */
  lastAdmitted: Int32Array
  held: Int32Array
}

/** The common merit order: score descending, lottery number ascending, id ascending. */
export function meritOrder(instance: Instance): Int32Array {
  const { applicants } = instance
  const n = applicants.length
  const score = new Float64Array(n)
  const tiebreak = new Float64Array(n)
  const order: number[] = new Array(n)
  for (let i = 0; i < n; i++) {
    score[i] = applicants[i]!.score
    tiebreak[i] = applicants[i]!.tiebreak
    order[i] = i
  }
  order.sort((x, y) => {
    const byScore = score[y]! - score[x]!
    if (byScore !== 0) return byScore
    const byLottery = tiebreak[x]! - tiebreak[y]!
    if (byLottery !== 0) return byLottery
    const a = applicants[x]!.id
    const b = applicants[y]!.id
    return a < b ? -1 : a > b ? 1 : 0
  })
  const rank = new Int32Array(n)
  for (let r = 0; r < n; r++) rank[order[r]!] = r
  return rank
}

/**
 * Language requirements as numbers: the languages any opportunity requires, each applicant's
 * level in them (-1 for none), and per opportunity the (language, minimum level) pairs in
 * requirement[requirementStart[o] .. requirementStart[o + 1]).
 */
function languageLevels(instance: Instance) {
  const { applicants, opportunities } = instance
  const languages = new Map<string, number>()
  const requirementStart = new Int32Array(opportunities.length + 1)
  const pairs: number[] = []
  opportunities.forEach((o, i) => {
    for (const [language, level] of Object.entries(o.requirements?.languages ?? {})) {
      if (!languages.has(language)) languages.set(language, languages.size)
      pairs.push(languages.get(language)!, LEVEL.get(level)!)
    }
    requirementStart[i + 1] = pairs.length / 2
  })
  const width = languages.size
  const level = new Int8Array(applicants.length * width).fill(-1)
  if (width > 0) {
    applicants.forEach((a, i) => {
      for (const language in a.languages) {
        const l = languages.get(language)
        if (l !== undefined) level[i * width + l] = LEVEL.get(a.languages[language]!)!
      }
    })
  }
  return { width, level, requirementStart, requirement: Int32Array.from(pairs) }
}

/** Indexes a valid instance (see parseInstance) for matching. */
export function compile(instance: Instance): Compiled {
  const { applicants, opportunities } = instance
  const nA = applicants.length
  const nO = opportunities.length
  const opportunityIndex = new Map<string, number>()
  for (let o = 0; o < nO; o++) opportunityIndex.set(opportunities[o]!.id, o)
  const capacity = new Int32Array(nO)
  const ownOrder = new Uint8Array(nO)
  for (let o = 0; o < nO; o++) {
    capacity[o] = opportunities[o]!.capacity
    if (opportunities[o]!.priority) ownOrder[o] = 1
  }
  const { width, level, requirementStart, requirement } = languageLevels(instance)
  const meritRank = meritOrder(instance)
  // One small map per ranking host: quicker to probe than one map over every applicant.
  const ownRank: (Map<string, number> | null)[] = new Array(nO).fill(null)
  for (let o = 0; o < nO; o++) {
    const priority = opportunities[o]!.priority
    if (!priority) continue
    const ranks = new Map<string, number>()
    for (let r = 0; r < priority.length; r++) ranks.set(priority[r]!, r)
    ownRank[o] = ranks
  }
  const prefStart = new Int32Array(nA + 1)
  for (let a = 0; a < nA; a++) prefStart[a + 1] = prefStart[a]! + applicants[a]!.preferences.length
  const total = prefStart[nA]!
  const prefOpportunity = new Int32Array(total)
  const prefKey = new Int32Array(total)
  for (let a = 0; a < nA; a++) {
    const applicant = applicants[a]!
    const prefs = applicant.preferences
    let i = prefStart[a]!
    for (let j = 0; j < prefs.length; j++, i++) {
      const o = opportunityIndex.get(prefs[j]!)!
      prefOpportunity[i] = o
      // A host's own ranking, when it gave one: anyone it did not list is not accepted.
      const own = ownRank[o]
      let key = own === null ? meritRank[a]! : (own!.get(applicant.id) ?? -1)
      for (let r = requirementStart[o]!; r < requirementStart[o + 1]! && key >= 0; r++) {
        if (level[a * width + requirement[2 * r]!]! < requirement[2 * r + 1]!) key = -1
      }
      prefKey[i] = key
    }
  }
  return {
    instance,
    applicants: nA,
    opportunities: nO,
    prefStart,
    prefOpportunity,
    prefKey,
    capacity,
    meritRank,
    ownOrder,
    opportunityIndex,
  }
}

/**
 * The applicant-optimal stable matching. `withdrawn` applicants take part in nothing (a declined
 * place: the rest is recomputed without them).
 */
export function match(c: Compiled, withdrawn?: ReadonlySet<number>): Matching {
  const { applicants: nA, opportunities: nO, prefStart, prefOpportunity, prefKey, capacity } = c
  // Heaps: opportunity o's held applicants live in heapApplicant[heapStart[o] .. heapStart[o] + held[o]).
  const heapStart = new Int32Array(nO + 1)
  for (let o = 0; o < nO; o++) heapStart[o + 1] = heapStart[o]! + capacity[o]!
  const heapApplicant = new Int32Array(heapStart[nO]!)
  const heapKey = new Int32Array(heapStart[nO]!)
  const held = new Int32Array(nO)
  const assigned = new Int32Array(nA).fill(-1)
  const next = prefStart.slice(0, nA)
  const free = new Int32Array(nA)
  let top = 0
  for (let a = nA - 1; a >= 0; a--) if (!withdrawn?.has(a)) free[top++] = a

  while (top > 0) {
    let a = free[--top]!
    // `a` proposes down its list until held; a displaced applicant continues in its place.
    for (;;) {
      const end = prefStart[a + 1]!
      let placed = false
      while (next[a]! < end) {
        const i = next[a]!++
        const key = prefKey[i]!
        if (key < 0) continue
        const o = prefOpportunity[i]!
        const cap = capacity[o]!
        if (cap === 0) continue
        const base = heapStart[o]!
        const size = held[o]!
        if (size < cap) {
          // Sift up from the end (max-heap by key: the worst held at the root).
          let pos = size
          while (pos > 0) {
            const parent = (pos - 1) >> 1
            if (heapKey[base + parent]! >= key) break
            heapKey[base + pos] = heapKey[base + parent]!
            heapApplicant[base + pos] = heapApplicant[base + parent]!
            pos = parent
          }
          heapKey[base + pos] = key
          heapApplicant[base + pos] = a
          held[o] = size + 1
          assigned[a] = o
          placed = true
          break
        }
        if (key < heapKey[base]!) {
          const displaced = heapApplicant[base]!
          // Replace the root and sift down.
          let pos = 0
          for (;;) {
            const left = 2 * pos + 1
            if (left >= size) break
            const right = left + 1
            const child = right < size && heapKey[base + right]! > heapKey[base + left]! ? right : left
            if (heapKey[base + child]! <= key) break
            heapKey[base + pos] = heapKey[base + child]!
            heapApplicant[base + pos] = heapApplicant[base + child]!
            pos = child
          }
          heapKey[base + pos] = key
          heapApplicant[base + pos] = a
          assigned[a] = o
          assigned[displaced] = -1
          a = displaced
          placed = true
          break
        }
      }
      if (!placed) break
      if (assigned[a] !== -1) break
      // `a` was displaced: it goes on proposing from where it stopped.
    }
  }

  const choice = new Int32Array(nA).fill(-1)
  for (let a = 0; a < nA; a++) {
    if (assigned[a] === -1) continue
    // next[a] is one past the choice that holds a.
    choice[a] = next[a]! - 1 - prefStart[a]!
  }
  const lastAdmitted = new Int32Array(nO).fill(-1)
  for (let o = 0; o < nO; o++) if (held[o]! > 0) lastAdmitted[o] = heapApplicant[heapStart[o]!]!
  return { compiled: c, assigned, choice, lastAdmitted, held }
}
