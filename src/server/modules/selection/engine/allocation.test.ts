import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateAllocation } from '../../../../../bench/generate-allocation.js'
import { checkAssignment, reallocate } from './adjust.js'
import { compile, match } from './engine.js'
import { present } from './explain.js'
import { type InstanceInput, InvalidInstanceError, parseInstance } from './instance.js'

const allocate = (input: InstanceInput) => present(match(compile(parseInstance(input))))

const EXAMPLE: InstanceInput = {
  opportunities: [
    { id: 'o1', capacity: 2, priority: ['a3', 'a1'], requirements: { languages: { pt: 'B1' } } },
    { id: 'o2', capacity: 1 },
  ],
  applicants: [
    { id: 'a1', score: 87.5, tiebreak: 0.42, preferences: ['o1', 'o2'], languages: { pt: 'B2', en: 'C1' } },
    { id: 'a2', score: 90, tiebreak: 0.1, preferences: ['o1', 'o2'], languages: { pt: 'A2' } },
    { id: 'a3', score: 70, tiebreak: 0.3, preferences: ['o1'], languages: { pt: 'C1' } },
  ],
}

describe('allocation', () => {
  it('gives the best score its first choice and explains the rest', () => {
    const result = allocate({
      opportunities: [
        { id: 'lisbon', capacity: 1 },
        { id: 'seoul', capacity: 1 },
      ],
      applicants: [
        { id: 'ana', score: 80, preferences: ['lisbon', 'seoul'] },
        { id: 'bo', score: 92, preferences: ['lisbon'] },
        { id: 'cy', score: 70, preferences: ['seoul', 'lisbon'] },
      ],
    })
    expect(result.assignments).toEqual({ ana: 'seoul', bo: 'lisbon', cy: null })
    expect(result.explanations.ana).toEqual([
      { opportunity: 'lisbon', reason: 'full', lastAdmitted: 'bo', lastAdmittedScore: 92, score: 80 },
    ])
    expect(result.explanations.cy).toEqual([
      { opportunity: 'seoul', reason: 'full', lastAdmitted: 'ana', lastAdmittedScore: 80, score: 70 },
      { opportunity: 'lisbon', reason: 'full', lastAdmitted: 'bo', lastAdmittedScore: 92, score: 70 },
    ])
    expect(result.explanations.bo).toBeUndefined()
    expect(result.cutoffs.lisbon).toEqual({ score: 92, lastAdmitted: 'bo', admitted: 1, capacity: 1 })
    expect(result.stats).toEqual({ applicants: 3, placed: 2, unplaced: 1, byChoice: [1, 1], places: 2, placesLeft: 0 })
  })

  it("follows a host's own ranking and language requirements, and says which one was not met", () => {
    const result = allocate(EXAMPLE)
    expect(result.assignments).toEqual({ a1: 'o1', a2: 'o2', a3: 'o1' })
    expect(result.explanations.a2).toEqual([
      {
        opportunity: 'o1',
        reason: 'not_eligible',
        unmet: [{ requirement: 'host_ranking' }, { requirement: 'language', language: 'pt', required: 'B1', has: 'A2' }],
      },
    ])
    expect(result.cutoffs.o1).toMatchObject({ lastAdmitted: 'a1', rank: 2, admitted: 2, capacity: 2 })
  })

  it('breaks a tie of score by the lower lottery number, then by id', () => {
    const result = allocate({
      opportunities: [{ id: 'o', capacity: 1 }],
      applicants: [
        { id: 'b', score: 50, tiebreak: 0.2, preferences: ['o'] },
        { id: 'a', score: 50, tiebreak: 0.7, preferences: ['o'] },
        { id: 'c', score: 50, tiebreak: 0.2, preferences: ['o'] },
      ],
    })
    expect(result.assignments.b).toBe('o')
  })

  it("places someone below a host's cut-off only elsewhere, naming the host's ranks", () => {
    const result = allocate({
      opportunities: [
        { id: 'elective', capacity: 1, priority: ['x', 'y'] },
        { id: 'other', capacity: 0 },
      ],
      applicants: [
        { id: 'y', score: 99, preferences: ['elective', 'other'] },
        { id: 'x', score: 10, preferences: ['elective'] },
      ],
    })
    expect(result.assignments).toEqual({ x: 'elective', y: null })
    expect(result.explanations.y).toEqual([
      {
        opportunity: 'elective',
        reason: 'full',
        lastAdmitted: 'x',
        lastAdmittedScore: 10,
        score: 99,
        lastAdmittedRank: 1,
        rank: 2,
      },
      { opportunity: 'other', reason: 'full', lastAdmitted: null, lastAdmittedScore: null, score: 99 },
    ])
  })

  it('refuses an invalid instance, naming every offending entry', () => {
    const problems = (input: unknown) => {
      try {
        parseInstance(input)
        return []
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInstanceError)
        return (error as InvalidInstanceError).problems
      }
    }
    expect(
      problems({
        opportunities: [
          { id: 'o1', capacity: 1 },
          { id: 'o1', capacity: 2 },
          { id: 'o2', capacity: 1, priority: ['a9', 'a1', 'a1'] },
        ],
        applicants: [
          { id: 'a1', score: 1, preferences: ['o1', 'o3', 'o1'] },
          { id: 'a1', score: 2, preferences: [] },
        ],
      }),
    ).toEqual([
      'opportunities[1]: id "o1" is already used by opportunities[0]',
      'applicants[1]: id "a1" is already used by applicants[0]',
      'applicants[0] (a1).preferences[1]: "o3" is not an opportunity',
      'applicants[0] (a1).preferences[2]: "o1" is listed twice',
      'opportunities[2] (o2).priority[0]: "a9" is not an applicant',
      'opportunities[2] (o2).priority[2]: "a1" is listed twice',
    ])
    expect(problems({ opportunities: [{ id: 'o', capacity: -1 }], applicants: [] })).toEqual([
      'opportunities[0].capacity: must be 0 or more',
    ])
    expect(
      problems({
        opportunities: [{ id: 'o', capacity: 1, requirements: { languages: { pt: 'B3' } } }],
        applicants: [{ id: 'a', score: 1, preferences: [], languages: { en: 'fluent' } }],
      }),
    ).toEqual([
      'opportunities[0].requirements.languages.pt: must be a CEFR level (A1, A2, B1, B2, C1, C2)',
      'applicants[0].languages.en: must be a CEFR level (A1, A2, B1, B2, C1, C2)',
    ])
    expect(problems({ opportunities: [] })[0]).toMatch(/^applicants: /)
  })

  it('finds the blocking pairs a hand adjustment creates and the places it should not give', () => {
    const c = compile(parseInstance(EXAMPLE))
    // The engine's own result is stable.
    expect(checkAssignment(c, present(match(c)).assignments)).toEqual({ problems: [], blockingPairs: [] })
    // Moving a1 to o2 overfills o2 and leaves a place at o1, which a1 prefers and may take.
    const moved = checkAssignment(c, { a1: 'o2', a2: 'o2', a3: 'o1' })
    expect(moved.problems).toEqual([{ applicant: null, opportunity: 'o2', problem: 'over_capacity', admitted: 2, capacity: 1 }])
    expect(moved.blockingPairs).toEqual([{ applicant: 'a1', opportunity: 'o1', instead: null }])
    const wrong = checkAssignment(c, { a1: null, a2: 'o1', a3: 'o2' })
    expect(wrong.problems).toEqual([
      { applicant: 'a2', opportunity: 'o1', problem: 'not_eligible' },
      { applicant: 'a3', opportunity: 'o2', problem: 'not_chosen' },
    ])
    // a1 may take the free place at o1, or o2 instead of a3, who did not choose it; a3 would rather have o1.
    expect(wrong.blockingPairs).toEqual([
      { applicant: 'a1', opportunity: 'o1', instead: null },
      { applicant: 'a1', opportunity: 'o2', instead: 'a3' },
      { applicant: 'a3', opportunity: 'o1', instead: null },
    ])
  })

  it('gives a declined place on and tells only those whose result changes', () => {
    const c = compile(
      parseInstance({
        opportunities: [
          { id: 'porto', capacity: 1 },
          { id: 'kyoto', capacity: 1 },
        ],
        applicants: [
          { id: 'p', score: 90, preferences: ['porto'] },
          { id: 'q', score: 80, preferences: ['porto', 'kyoto'] },
          { id: 'r', score: 70, preferences: ['kyoto'] },
          { id: 's', score: 60, preferences: ['kyoto'] },
        ],
      }),
    )
    const first = match(c)
    const { changes } = reallocate(first, ['p'])
    expect(changes).toEqual([
      { applicant: 'q', from: 'kyoto', to: 'porto' },
      { applicant: 'r', from: null, to: 'kyoto' },
    ])
  })
})

describe('meridian allocate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meridian-allocate-'))
  const run = (input: string, env: Record<string, string> = {}) => {
    const file = path.join(dir, `i${Math.random()}.json`)
    writeFileSync(file, input)
    return spawnSync(process.execPath, ['bin/meridian.mjs', 'allocate', file], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    })
  }

  it('prints the result as JSON', () => {
    const out = run(JSON.stringify(EXAMPLE))
    expect(out.status).toBe(0)
    expect(JSON.parse(out.stdout).assignments).toEqual({ a1: 'o1', a2: 'o2', a3: 'o1' })
  }, 30_000)

  it('prints the same from its compiled copy as from its sources, read from a file or standard input', () => {
    const input = JSON.stringify(generateAllocation({ applicants: 300, opportunities: 40, choices: 5 }))
    const compiled = run(input)
    const sources = run(input, { MERIDIAN_COMPILED: '0' })
    expect(compiled.status, compiled.stderr).toBe(0)
    expect(sources.stdout).toBe(compiled.stdout)
    const piped = spawnSync(process.execPath, ['bin/meridian.mjs', 'allocate', '-'], { input, encoding: 'utf8' })
    expect(piped.stdout).toBe(compiled.stdout)
    expect(JSON.parse(compiled.stdout).stats.applicants).toBe(300)
  }, 60_000)

  it('exits with 2 and names the problem for an invalid instance or a file that is not JSON', () => {
    const invalid = run(JSON.stringify({ opportunities: [{ id: 'o', capacity: -2 }], applicants: [] }))
    expect(invalid.status).toBe(2)
    expect(invalid.stderr).toContain('opportunities[0].capacity: must be 0 or more')
    expect(invalid.stdout).toBe('')
    const fromSources = run(JSON.stringify({ opportunities: [{ id: 'o', capacity: -2 }], applicants: [] }), {
      MERIDIAN_COMPILED: '0',
    })
    expect(fromSources.status).toBe(2)
    expect(fromSources.stderr).toBe(invalid.stderr)
    const dangling = run(JSON.stringify({ opportunities: [], applicants: [{ id: 'a', score: 1, preferences: ['nowhere'] }] }))
    expect(dangling.status).toBe(2)
    expect(dangling.stderr).toContain('applicants[0] (a).preferences[0]: "nowhere" is not an opportunity')
    const garbage = run('{"opportunities": [')
    expect(garbage.status).toBe(2)
    expect(garbage.stderr).toMatch(/is not JSON/)
  }, 30_000)
})
