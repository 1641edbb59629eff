import type { QueryWord, Term } from '../../../db/search.js'

// A list held in memory for search, filter, sort and page (decision 023): the partner and
// agreement lists of the registry. Rows are found by their words (the search document's words,
// and keys such as a party's id) through posting lists, filtered by a predicate, and read in an
// order kept sorted as rows change. A changed row takes a new slot; the old one is dead until
// the index is compacted.

export interface ListRow {
  id: string
  /** Every word the row is found by: its search words and its keys. */
  words: readonly string[]
}

/** A total order of rows (ties broken by id), named so that it is sorted once and then kept. */
export interface ListOrder<R> {
  key: string
  compare: (a: R, b: R) => number
}

export interface ListQuery<R> {
  /** Each must match: see QueryWord. */
  words?: QueryWord[]
  where?: (row: R) => boolean
  order: ListOrder<R>
  offset: number
  limit: number
  /** Counted up to this many; beyond it the answer says `capped`. */
  cap: number
}

export interface ListAnswer {
  ids: string[]
  total: number
  capped: boolean
}

/** Up to this many candidates from the words are sorted; more, and the kept order is walked. */
const FEW = 4000
/**
 * Another word is checked through its posting lists when they hold at most this many slots per
 * candidate (a row has some dozens of words to look through), else in each candidate's words.
 */
const BY_POSTINGS = 32
/** More changes than this at once drop the kept orders, which are sorted again when next used. */
const MANY_CHANGES = 500

export class ListIndex<R extends ListRow> {
  #rows: (R | null)[] = []
  #slots = new Map<string, number>()
  #postings = new Map<string, number[]>()
  #vocabulary: string[] | null = null
  #orders = new Map<string, number[]>()
  #rankings = new Map<string, Int32Array>()
  #dead = 0

  /**
   * `few`: up to this many candidates from the words are sorted rather than the kept order walked;
   * `byRank`: more found rows than this are sorted by their positions in the kept order;
   * `byPostings`: see BY_POSTINGS.
   */
  constructor(private readonly options: { few?: number; byRank?: number; byPostings?: number } = {}) {}

  get size(): number {
    return this.#slots.size
  }

  get(id: string): R | undefined {
    const slot = this.#slots.get(id)
    return slot === undefined ? undefined : (this.#rows[slot] ?? undefined)
  }

  /** Every row, in no particular order. */
  *rows(): IterableIterator<R> {
    for (const row of this.#rows) if (row) yield row
  }

  /** The rows that have this exact word. */
  *having(word: string): IterableIterator<R> {
    for (const s of this.#postings.get(word) ?? []) {
      const row = this.#rows[s]
      if (row) yield row
    }
  }

  /** Replaces the whole content. */
  reset(rows: Iterable<R>) {
    this.#rows = []
    this.#slots.clear()
    this.#postings.clear()
    this.#orders.clear()
    this.#rankings.clear()
    this.#vocabulary = null
    this.#dead = 0
    for (const row of rows) this.#add(row)
  }

  /** Adds or replaces rows (by id) and removes others. */
  apply(upserts: R[], removals: string[] = []) {
    if (upserts.length + removals.length === 0) return
    if (upserts.length + removals.length > MANY_CHANGES) this.#orders.clear()
    this.#rankings.clear()
    const latest = new Map(upserts.map((r) => [r.id, r]))
    for (const id of [...removals, ...latest.keys()]) this.#kill(id)
    for (const row of latest.values()) {
      const slot = this.#add(row)
      for (const [key, order] of this.#orders) this.#insert(order, slot, key)
    }
    if (this.#dead > Math.max(1000, this.#slots.size / 4)) this.reset([...this.rows()])
  }

  search(q: ListQuery<R>): ListAnswer {
    const rows = this.#rows
    const where = q.where ?? (() => true)
    const end = q.offset + q.limit
    // The rarest word first: when few rows have it, only they are looked at.
    const words = (q.words ?? []).map((word) => ({ word, size: this.#estimate(word) })).sort((a, b) => a.size - b.size)
    if (words.length && words[0]!.size <= (this.options.few ?? FEW)) {
      const [first, ...rest] = words
      const candidates = new Set<number>()
      this.#eachSlot(first!.word, (s) => candidates.add(s))
      let found = [...candidates].filter((s) => rows[s] !== null)
      for (const { word, size } of rest) {
        if (size <= found.length * (this.options.byPostings ?? BY_POSTINGS)) {
          // Marking the word's rows costs its posting lists; looking in each candidate, their words.
          const has = new Uint8Array(rows.length)
          this.#eachSlot(word, (s) => {
            has[s] = 1
          })
          found = found.filter((s) => has[s] === 1)
        } else found = found.filter((s) => rowHas(rows[s]!, word))
      }
      if (q.where) found = found.filter((s) => where(rows[s]!))
      if (found.length > (this.options.byRank ?? 64)) {
        const rank = this.#ranks(q.order)
        found.sort((a, b) => rank[a]! - rank[b]!)
      } else found.sort((a, b) => q.order.compare(rows[a]!, rows[b]!))
      return {
        ids: found.slice(q.offset, end).map((s) => rows[s]!.id),
        total: Math.min(found.length, q.cap),
        capped: found.length > q.cap,
      }
    }
    // marks[slot] counts the query words the row has matched, each word at most once.
    const marks = new Uint8Array(rows.length)
    words.forEach(({ word }, i) => {
      this.#eachSlot(word, (s) => {
        if (marks[s] === i) marks[s] = i + 1
      })
    })
    const needed = words.length
    const ids: string[] = []
    let count = 0
    for (const s of this.#ordered(q.order)) {
      if (marks[s] !== needed || !where(rows[s]!)) continue
      if (count >= q.offset && count < end) ids.push(rows[s]!.id)
      count++
      if (count > q.cap && count >= end) break
    }
    return { ids, total: Math.min(count, q.cap), capped: count > q.cap }
  }

  /** How many rows have the word, or an upper bound. */
  #estimate(alternatives: QueryWord): number {
    let n = 0
    for (const terms of alternatives) {
      let least = Number.POSITIVE_INFINITY
      for (const term of terms) {
        let size = 0
        this.#eachPosting(term, (list) => {
          size += list.length
        })
        least = Math.min(least, size)
      }
      n += least
    }
    return n
  }

  /** Calls `fn` for every slot having the word (some more than once). */
  #eachSlot(alternatives: QueryWord, fn: (slot: number) => void) {
    for (const terms of alternatives) {
      if (terms.length === 1) {
        this.#eachPosting(terms[0]!, (list) => {
          for (const s of list) fn(s)
        })
        continue
      }
      // Every term of the alternative: count the terms each slot has.
      const seen = new Map<number, number>()
      terms.forEach((term, i) => {
        this.#eachPosting(term, (list) => {
          for (const s of list) if ((seen.get(s) ?? 0) === i) seen.set(s, i + 1)
        })
      })
      for (const [s, n] of seen) if (n === terms.length) fn(s)
    }
  }

  /** The posting lists of the words a term matches: its own, or every word it begins. */
  #eachPosting(term: Term, fn: (list: number[]) => void) {
    if (!term.prefix) {
      const list = this.#postings.get(term.word)
      if (list) fn(list)
      return
    }
    const vocabulary = this.#sortedVocabulary()
    let lo = 0
    let hi = vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (vocabulary[mid]! < term.word) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < vocabulary.length && vocabulary[i]!.startsWith(term.word); i++) fn(this.#postings.get(vocabulary[i]!)!)
  }

  /** Each slot's position in the order (of live slots only). */
  #ranks(order: ListOrder<R>): Int32Array {
    let rank = this.#rankings.get(order.key)
    if (!rank) {
      rank = new Int32Array(this.#rows.length)
      this.#ordered(order).forEach((s, i) => {
        rank![s] = i
      })
      this.#rankings.set(order.key, rank)
    }
    return rank
  }

  #add(row: R): number {
    const slot = this.#rows.length
    this.#rows.push(row)
    this.#slots.set(row.id, slot)
    for (const word of new Set(row.words)) {
      const list = this.#postings.get(word)
      if (list) list.push(slot)
      else {
        this.#postings.set(word, [slot])
        this.#vocabulary = null
      }
    }
    return slot
  }

  #kill(id: string) {
    const slot = this.#slots.get(id)
    if (slot === undefined) return
    this.#slots.delete(id)
    this.#rows[slot] = null
    this.#dead++
    for (const order of this.#orders.values()) {
      const at = order.indexOf(slot)
      if (at >= 0) order.splice(at, 1)
    }
  }

  #sortedVocabulary(): string[] {
    this.#vocabulary ??= [...this.#postings.keys()].sort()
    return this.#vocabulary
  }

  #ordered(order: ListOrder<R>): number[] {
    let slots = this.#orders.get(order.key)
    if (!slots) {
      const rows = this.#rows
      slots = [...this.#slots.values()].sort((a, b) => order.compare(rows[a]!, rows[b]!))
      this.#orders.set(order.key, slots)
      this.#comparators.set(order.key, order.compare)
    }
    return slots
  }

  #comparators = new Map<string, (a: R, b: R) => number>()

  #insert(order: number[], slot: number, key: string) {
    const compare = this.#comparators.get(key)!
    const rows = this.#rows
    const row = rows[slot]!
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(rows[order[mid]!]!, row) < 0) lo = mid + 1
      else hi = mid
    }
    order.splice(lo, 0, slot)
  }
}

/** Whether the row has the word: the same answer as its posting lists, from the row's own words. */
function rowHas(row: ListRow, alternatives: QueryWord): boolean {
  return alternatives.some((terms) =>
    terms.every((t) => (t.prefix ? row.words.some((w) => w.startsWith(t.word)) : row.words.includes(t.word))),
  )
}
