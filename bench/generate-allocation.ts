import type { InstanceInput } from '../src/server/modules/selection/engine/instance.js'
import { prng } from './generate-network.js'

const LANGUAGES = ['pt', 'es', 'de', 'fr', 'it', 'ko', 'en']
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const

/**
 * A deterministic allocation instance: `applicants` with `choices` distinct choices each over
 * `opportunities` with capacities 1–20. Some destinations are far more wanted than others (a
 * power law), a fifth of the opportunities rank their own candidates (those who chose them, in
 * the host's order, a tenth left out), and a third require a language level.
 */
export function generateAllocation(
  counts: { applicants: number; opportunities: number; choices: number },
  seed = 7,
): InstanceInput {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const nO = counts.opportunities
  // Popularity: weight of the k-th opportunity ~ 1 / (k + 10), sampled through the cumulative sum.
  const cumulative = new Float64Array(nO)
  let sum = 0
  for (let k = 0; k < nO; k++) {
    sum += 1 / (k + 10)
    cumulative[k] = sum
  }
  const popular = () => {
    const x = rnd() * sum
    let lo = 0
    let hi = nO - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const opportunities: InstanceInput['opportunities'] = []
  const own: string[][] = []
  for (let o = 0; o < nO; o++) {
    const requires = rnd() < 1 / 3 ? { languages: { [pick(LANGUAGES)]: pick(['A2', 'B1', 'B2'] as const) } } : undefined
    opportunities.push({ id: `o${o}`, capacity: 1 + Math.floor(rnd() * 20), ...(requires ? { requirements: requires } : {}) })
    own.push([])
  }
  const ranksOwn = opportunities.map(() => rnd() < 0.2)
  const applicants: InstanceInput['applicants'] = []
  for (let a = 0; a < counts.applicants; a++) {
    const id = `a${a}`
    const chosen = new Set<number>()
    while (chosen.size < Math.min(counts.choices, nO)) chosen.add(popular())
    const preferences = [...chosen].map((o) => `o${o}`)
    for (const o of chosen) if (ranksOwn[o] && rnd() < 0.9) own[o]!.push(id)
    const languages: Record<string, (typeof LEVELS)[number]> = { en: pick(LEVELS) }
    for (let k = 0; k < 2; k++) languages[pick(LANGUAGES)] = pick(LEVELS)
    applicants.push({ id, score: Math.round(rnd() * 10000) / 100, tiebreak: rnd(), preferences, languages })
  }
  opportunities.forEach((opportunity, o) => {
    if (!ranksOwn[o]) return
    const list = own[o]!
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      ;[list[i], list[j]] = [list[j]!, list[i]!]
    }
    opportunity.priority = list
  })
  return { opportunities, applicants }
}
