import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import { checkAssignment, reallocate } from './adjust.js'
import { compile, match } from './engine.js'
import { present, writePresented } from './explain.js'
import { type Instance, parseInstance } from './instance.js'

// Properties of the allocation on random small instances, checked against plain definitions
// written here from the rule in issue 5, not against the engine's own bookkeeping.

type Assignment = Record<string, string | null>

const level = (l: string) => CEFR_LEVELS.indexOf(l as (typeof CEFR_LEVELS)[number])

/** Whether opportunity `o` accepts applicant `a` at all. */
function acceptable(inst: Instance, o: string, a: string): boolean {
  const opportunity = inst.opportunities.find((x) => x.id === o)!
  const applicant = inst.applicants.find((x) => x.id === a)!
  if (opportunity.priority && !opportunity.priority.includes(a)) return false
  return Object.entries(opportunity.requirements?.languages ?? {}).every(
    ([language, required]) =>
      applicant.languages[language] !== undefined && level(applicant.languages[language]!) >= level(required),
  )
}

/** Whether opportunity `o` would rather have applicant `x` than `y` (both acceptable). */
function prefers(inst: Instance, o: string, x: string, y: string): boolean {
  const opportunity = inst.opportunities.find((z) => z.id === o)!
  if (opportunity.priority) return opportunity.priority.indexOf(x) < opportunity.priority.indexOf(y)
  const a = inst.applicants.find((z) => z.id === x)!
  const b = inst.applicants.find((z) => z.id === y)!
  if (a.score !== b.score) return a.score > b.score
  if (a.tiebreak !== b.tiebreak) return a.tiebreak < b.tiebreak
  return a.id < b.id
}

/** Rank of an outcome in the applicant's true list: lower is better, unplaced is worst. */
function rankOf(inst: Instance, a: string, o: string | null): number {
  const prefs = inst.applicants.find((x) => x.id === a)!.preferences
  return o === null ? prefs.length : prefs.indexOf(o)
}

function feasible(inst: Instance, m: Assignment): boolean {
  for (const opportunity of inst.opportunities) {
    if (Object.values(m).filter((o) => o === opportunity.id).length > opportunity.capacity) return false
  }
  return inst.applicants.every((a) => {
    const o = m[a.id] ?? null
    return o === null || (a.preferences.includes(o) && acceptable(inst, o, a.id))
  })
}

function blockingPairs(inst: Instance, m: Assignment): [string, string][] {
  const pairs: [string, string][] = []
  for (const a of inst.applicants) {
    const mine = rankOf(inst, a.id, m[a.id] ?? null)
    a.preferences.forEach((o, k) => {
      if (k >= mine || !acceptable(inst, o, a.id)) return
      const opportunity = inst.opportunities.find((x) => x.id === o)!
      const holders = inst.applicants.filter((b) => m[b.id] === o).map((b) => b.id)
      if (holders.length < opportunity.capacity || holders.some((h) => prefers(inst, o, a.id, h))) pairs.push([a.id, o])
    })
  }
  return pairs
}

/** Every feasible assignment of a small instance. */
function allAssignments(inst: Instance): Assignment[] {
  const out: Assignment[] = []
  const walk = (i: number, m: Assignment) => {
    if (i === inst.applicants.length) {
      if (feasible(inst, m)) out.push({ ...m })
      return
    }
    const a = inst.applicants[i]!
    for (const o of [null, ...a.preferences]) {
      m[a.id] = o
      walk(i + 1, m)
    }
  }
  walk(0, {})
  return out
}

const allocate = (inst: Instance) => present(match(compile(inst))).assignments

/** A small random instance: up to 4 opportunities and 6 applicants, ties of score, priorities, language levels. */
const smallInstance = fc
  .record({
    nO: fc.integer({ min: 1, max: 4 }),
    nA: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ nO, nA }) => {
    const oIds = Array.from({ length: nO }, (_, i) => `o${i}`)
    const aIds = Array.from({ length: nA }, (_, i) => `a${i}`)
    const cefr = fc.constantFrom(...CEFR_LEVELS)
    const languages = fc.dictionary(fc.constantFrom('pt', 'en'), cefr, { maxKeys: 2 })
    return fc.record({
      opportunities: fc.tuple(
        ...oIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            capacity: fc.integer({ min: 0, max: 3 }),
            priority: fc.option(fc.shuffledSubarray(aIds), { nil: undefined }),
            requirements: fc.option(fc.record({ languages }), { nil: undefined }),
          }),
        ),
      ),
      applicants: fc.tuple(
        ...aIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            score: fc.integer({ min: 0, max: 3 }),
            tiebreak: fc.constantFrom(0, 0.5),
            preferences: fc.shuffledSubarray(oIds),
            languages,
          }),
        ),
      ),
    })
  })
  .map((raw) => parseInstance(JSON.parse(JSON.stringify(raw))))

const RUNS = { numRuns: 300 }

describe('allocation properties', () => {
  it('prints, a piece at a time, exactly the result it presents', () => {
    fc.assert(
      fc.property(smallInstance, (inst) => {
        const m = match(compile(inst))
        const chunks: string[] = []
        writePresented(m, (chunk) => chunks.push(chunk))
        // The ids here are not numbers, so an object's keys keep the instance's order too.
        expect(chunks.join('')).toBe(JSON.stringify(present(m)))
      }),
      RUNS,
    )
  })

  it('respects capacities, choices and eligibility, and leaves no blocking pair', () => {
    fc.assert(
      fc.property(smallInstance, (inst) => {
        const m = allocate(inst)
        expect(feasible(inst, m)).toBe(true)
        expect(blockingPairs(inst, m)).toEqual([])
      }),
      RUNS,
    )
  })

  it('is the applicant-optimal stable matching (against every stable matching, by brute force)', () => {
    fc.assert(
      fc.property(smallInstance, (inst) => {
        const m = allocate(inst)
        const stable = allAssignments(inst).filter((s) => blockingPairs(inst, s).length === 0)
        expect(stable.some((s) => inst.applicants.every((a) => (s[a.id] ?? null) === m[a.id]))).toBe(true)
        for (const s of stable) {
          for (const a of inst.applicants) {
            expect(rankOf(inst, a.id, m[a.id]!)).toBeLessThanOrEqual(rankOf(inst, a.id, s[a.id] ?? null))
          }
        }
      }),
      RUNS,
    )
  })

  it('gives nobody a better place for a list they do not mean', () => {
    fc.assert(
      fc.property(
        smallInstance.chain((inst) =>
          fc.record({
            inst: fc.constant(inst),
            who: fc.integer({ min: 0, max: inst.applicants.length - 1 }),
            lie: fc.shuffledSubarray(inst.opportunities.map((o) => o.id)),
          }),
        ),
        ({ inst, who, lie }) => {
          const id = inst.applicants[who]!.id
          const truthful = rankOf(inst, id, allocate(inst)[id] ?? null)
          const misreported = structuredClone(inst)
          misreported.applicants[who]!.preferences = lie
          const got = allocate(misreported)[id] ?? null
          // Judged by the applicant's true list; a place they did not truly rank is worth nothing.
          const value =
            got === null || !inst.applicants[who]!.preferences.includes(got) ? rankOf(inst, id, null) : rankOf(inst, id, got)
          expect(value).toBeGreaterThanOrEqual(truthful)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('with one common merit order, equals "best score chooses first"', () => {
    fc.assert(
      fc.property(smallInstance, (raw) => {
        const inst: Instance = { ...raw, opportunities: raw.opportunities.map(({ priority: _, ...o }) => o) }
        const order = [...inst.applicants].sort((x, y) =>
          prefers(inst, inst.opportunities[0]!.id, x.id, y.id)
            ? -1
            : prefers(inst, inst.opportunities[0]!.id, y.id, x.id)
              ? 1
              : 0,
        )
        const left = new Map(inst.opportunities.map((o) => [o.id, o.capacity]))
        const serial: Assignment = {}
        for (const a of order) {
          const o = a.preferences.find((p) => left.get(p)! > 0 && acceptable(inst, p, a.id)) ?? null
          serial[a.id] = o
          if (o) left.set(o, left.get(o)! - 1)
        }
        expect(allocate(inst)).toEqual(serial)
      }),
      RUNS,
    )
  })

  it('leaves nobody worse off when someone declines, and tells exactly those whose place changes', () => {
    fc.assert(
      fc.property(
        smallInstance.chain((inst) =>
          fc.record({ inst: fc.constant(inst), who: fc.integer({ min: 0, max: inst.applicants.length - 1 }) }),
        ),
        ({ inst, who }) => {
          const before = match(compile(inst))
          const declined = inst.applicants[who]!.id
          const { matching, changes } = reallocate(before, [declined])
          const after = present(matching, new Set([who])).assignments
          const was = present(before).assignments
          for (const a of inst.applicants) {
            if (a.id === declined) continue
            expect(rankOf(inst, a.id, after[a.id]!)).toBeLessThanOrEqual(rankOf(inst, a.id, was[a.id]!))
          }
          expect(changes.map((c) => c.applicant).sort()).toEqual(
            inst.applicants.filter((a) => a.id !== declined && after[a.id] !== was[a.id]).map((a) => a.id),
          )
          // The same as allocating from scratch without them.
          const without = { ...inst, applicants: inst.applicants.filter((a) => a.id !== declined) }
          without.opportunities = without.opportunities.map((o) => ({
            ...o,
            ...(o.priority ? { priority: o.priority.filter((p) => p !== declined) } : {}),
          }))
          expect(after).toEqual(allocate(without))
        },
      ),
      RUNS,
    )
  })

  it('finds the same blocking pairs as the definition in any assignment an officer might make', () => {
    fc.assert(
      fc.property(
        smallInstance.chain((inst) =>
          fc.record({
            inst: fc.constant(inst),
            assignment: fc.tuple(
              ...inst.applicants.map(() => fc.option(fc.constantFrom(...inst.opportunities.map((o) => o.id)), { nil: null })),
            ),
          }),
        ),
        ({ inst, assignment }) => {
          const m: Assignment = Object.fromEntries(inst.applicants.map((a, i) => [a.id, assignment[i] ?? null]))
          const { blockingPairs: found } = checkAssignment(compile(inst), m)
          // The definition, extended: a holder placed against the rules ranks below every acceptable applicant.
          const expected: [string, string][] = []
          for (const a of inst.applicants) {
            const held = m[a.id] ?? null
            const mine = held !== null && a.preferences.includes(held) ? a.preferences.indexOf(held) : a.preferences.length
            a.preferences.forEach((o, k) => {
              if (k >= mine || !acceptable(inst, o, a.id)) return
              const opportunity = inst.opportunities.find((x) => x.id === o)!
              if (opportunity.capacity === 0) return
              const holders = inst.applicants.filter((b) => m[b.id] === o)
              const improper = (b: (typeof holders)[number]) => !b.preferences.includes(o) || !acceptable(inst, o, b.id)
              if (holders.length < opportunity.capacity || holders.some((b) => improper(b) || prefers(inst, o, a.id, b.id))) {
                expected.push([a.id, o])
              }
            })
          }
          expect(found.map((p) => [p.applicant, p.opportunity])).toEqual(expected)
        },
      ),
      RUNS,
    )
  })
})
