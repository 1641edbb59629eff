import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import { InstanceSchema } from './instance.js'
import { readInstance } from './read.js'

// The quick reading must never accept what the schema refuses, and must give the same value.
// Random instances, mostly valid, with every kind of wrong value mixed in at any place.

const wrong = fc.oneof(
  fc.constant(null),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(Number.NaN),
  fc.constant(''),
  fc.constant('x'.repeat(201)),
  fc.constant('Z9'),
  fc.constant([]),
  fc.constant({}),
  fc.constant([1]),
  fc.constant({ PT: 'B1' }),
  fc.constant({ pt: 'B3' }),
  fc.constant({ extra: 1 }),
)
/** A value of the right kind most of the time, sometimes a wrong one. */
const maybe = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrong })
const id = fc.oneof(fc.constantFrom('a1', 'a2', 'o1', 'o2'), fc.string({ maxLength: 3 }))
const languages = fc.dictionary(fc.constantFrom('pt', 'en', 'ru'), fc.constantFrom(...CEFR_LEVELS), { maxKeys: 2 })

const opportunity = fc.record(
  {
    id: maybe(id),
    capacity: maybe(fc.integer({ min: 0, max: 3 })),
    priority: maybe(fc.array(id, { maxLength: 3 })),
    requirements: maybe(fc.record({ languages: maybe(languages) }, { requiredKeys: [] })),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
)
const applicant = fc.record(
  {
    id: maybe(id),
    score: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
    tiebreak: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    preferences: maybe(fc.array(id, { maxLength: 3 })),
    languages: maybe(languages),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
)
const instance = fc.record(
  {
    opportunities: maybe(fc.array(maybe(opportunity), { maxLength: 3 })),
    applicants: maybe(fc.array(maybe(applicant), { maxLength: 3 })),
  },
  { requiredKeys: [] },
)

/** The same value made of plain objects, as JSON.parse gives (fast-check's records have no prototype). */
const plain = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(plain)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
      : v

describe('reading an instance without the schema', () => {
  it('accepts only what the schema accepts, with the same value, and leaves the input alone', () => {
    let read = 0
    fc.assert(
      fc.property(instance.map(plain), (input) => {
        const before = structuredClone(input)
        const quick = readInstance(input)
        expect(input).toEqual(before)
        const parsed = InstanceSchema.safeParse(input)
        if (quick === null) return
        read++
        expect(parsed.success).toBe(true)
        expect(quick).toEqual(parsed.data)
      }),
      { numRuns: 3000 },
    )
    // The generator reaches valid instances often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(100)
  })

  it('reads every valid instance that JSON can carry', () => {
    const valid = {
      opportunities: [
        { id: 'o1', capacity: 2, priority: ['a1'], requirements: { languages: { pt: 'B1' } } },
        { id: 'o2', capacity: 0, requirements: {} },
      ],
      applicants: [
        { id: 'a1', score: 87.5, tiebreak: 0.42, preferences: ['o1', 'o2'], languages: { pt: 'B2' } },
        { id: 'a2', score: -3, preferences: [] },
      ],
    }
    const quick = readInstance(JSON.parse(JSON.stringify(valid)))
    expect(quick).toEqual(InstanceSchema.parse(valid))
    expect(quick?.applicants[1]).toEqual({ id: 'a2', score: -3, tiebreak: 0, preferences: [], languages: {} })
  })
})
