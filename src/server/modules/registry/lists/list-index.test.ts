import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { searchTerms } from '../../../db/search.js'
import { ListIndex, type ListRow } from './list-index.js'
import { orderBy } from './registry-lists.js'

interface Row extends ListRow {
  name: string
  n: number | null
}

const row = (id: string, name: string, n: number | null = null, extra: string[] = []): Row => ({
  id,
  name,
  n,
  words: [...name.toLowerCase().split(' '), ...extra],
})

const byName = orderBy<Row>('name', 'asc', (r) => r.name)
const all = { offset: 0, limit: 100, cap: 1000 }

describe('ListIndex', () => {
  const index = new ListIndex<Row>()
  index.reset([
    row('1', 'universidade do minho', 3),
    row('2', 'university of seoul', 1),
    row('3', 'charité berlin', null, ['charite']),
    row('4', 'hospital de braga', 2),
  ])

  it('finds rows by every word, the last as a prefix, as written or folded', () => {
    expect(index.search({ words: searchTerms('univ'), order: byName, ...all }).ids).toEqual(['1', '2'])
    expect(index.search({ words: searchTerms('univ seo'), order: byName, ...all }).ids).toEqual(['2'])
    expect(index.search({ words: searchTerms('Charite'), order: byName, ...all }).ids).toEqual(['3'])
    expect(index.search({ words: searchTerms('CHARITÉ'), order: byName, ...all }).ids).toEqual(['3'])
    // A finished word matches whole words only.
    expect(index.search({ words: searchTerms('univ-x'), order: byName, ...all }).ids).toEqual([])
  })

  it('sorts empty values last in either direction, and breaks ties by id', () => {
    const up = orderBy<Row>('n', 'asc', (r) => r.n)
    const down = orderBy<Row>('n', 'desc', (r) => r.n)
    expect(index.search({ order: up, ...all }).ids).toEqual(['2', '4', '1', '3'])
    expect(index.search({ order: down, ...all }).ids).toEqual(['1', '4', '2', '3'])
  })

  it('keeps its orders through changes and removals', () => {
    const local = new ListIndex<Row>()
    local.reset([row('a', 'alpha'), row('b', 'bravo'), row('c', 'charlie')])
    expect(local.search({ order: byName, ...all }).ids).toEqual(['a', 'b', 'c'])
    local.apply([row('a', 'delta'), row('e', 'echo')], ['b'])
    expect(local.search({ order: byName, ...all }).ids).toEqual(['c', 'a', 'e'])
    expect(local.search({ words: searchTerms('bravo'), order: byName, ...all }).ids).toEqual([])
    expect(local.search({ words: searchTerms('del'), order: byName, ...all }).ids).toEqual(['a'])
    expect(local.size).toBe(3)
  })

  it('counts up to the cap and says when there are more', () => {
    expect(index.search({ order: byName, offset: 0, limit: 1, cap: 2 })).toEqual({ ids: ['3'], total: 2, capped: true })
    expect(index.search({ order: byName, offset: 3, limit: 2, cap: 2 })).toEqual({ ids: ['2'], total: 2, capped: true })
  })

  it('answers as a plain filter and sort would, whatever the changes (property)', () => {
    const names = ['ab', 'abc', 'b', 'bc', 'cab', 'x']
    const rowArb = fc.record({
      id: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8'),
      a: fc.constantFrom(...names),
      b: fc.constantFrom(...names),
      n: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(rowArb, { maxLength: 6 }), fc.array(fc.constantFrom('1', '2', '3'), { maxLength: 2 })), {
          maxLength: 6,
        }),
        fc.constantFrom('a', 'ab', 'b', 'c', 'ab b', 'x'),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (steps, q, dir, offset, walk, byRank, byPostings) => {
          // Candidates are sorted (by comparing, or by rank) when few, or read in the kept order;
          // the other words are checked through their posting lists or in each candidate's words.
          const index = new ListIndex<Row>({
            few: walk ? 0 : 4000,
            byRank: byRank ? 0 : 64,
            byPostings: byPostings ? Number.POSITIVE_INFINITY : 0,
          })
          const truth = new Map<string, Row>()
          const order = orderBy<Row>(
            'n',
            dir,
            (r) => r.n,
            (x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
          )
          index.search({ order, ...all }) // the order is kept from here on
          for (const [upserts, removals] of steps) {
            const rows = upserts.map((u) => row(u.id, `${u.a} ${u.b}`, u.n))
            index.apply(rows, removals)
            for (const id of removals) truth.delete(id)
            for (const r of rows) truth.set(r.id, r)
          }
          const words = q.split(' ')
          const expected = [...truth.values()]
            .filter((r) => words.every((w) => r.words.some((x) => (w.length > 1 ? x.startsWith(w) : x === w))))
            .sort(order.compare)
          const answer = index.search({ words: searchTerms(q), order, offset, limit: 2, cap: 1000 })
          expect(answer.ids).toEqual(expected.slice(offset, offset + 2).map((r) => r.id))
          expect(answer.total).toBe(expected.length)
        },
      ),
      { numRuns: 500 },
    )
  })
})
