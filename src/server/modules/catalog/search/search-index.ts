import { fold, typoDistance } from '../../../../shared/text.js'

// The public catalog's search (issue 4, decision 018): an index held in memory and rebuilt from
// the database when the published catalog changes. A query is a text (matched in every catalog
// language, word prefixes and typos forgiven), facet filters, a sort and a page; the answer is the
// page of ids, the total, and for every facet how many results each value would give (with the
// other facets' filters applied, not its own, so a visitor sees the alternatives).

export interface CatalogDocument {
  id: string
  /** Every text a visitor may search by: titles and descriptions in each language, host, city, specialty. */
  text: string[]
  /** Facet values of the document, e.g. { country: ['PT'], language: ['pt', 'en'], clinical: ['yes'] }. */
  facets: Record<string, string[]>
  /** Sort keys: numbers (dates as epoch days, fees) or strings (titles). */
  sort: Record<string, number | string | null>
}

export interface CatalogQuery {
  q?: string
  filters?: Record<string, string[]>
  sort?: { key: string; dir: 'asc' | 'desc' }
  page?: number
  pageSize?: number
}

export interface CatalogAnswer {
  ids: string[]
  total: number
  facets: Record<string, Record<string, number>>
}

const WORD = /[\p{L}\p{N}]+/gu

/** The words of a text, folded (lower case, no accents). */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

/** Edits forgiven in a query word: none below 4 letters, one from 4, two from 8. */
export function typosAllowed(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0
}

/** Every string made by deleting up to `depth` characters of `word` (the symmetric-delete scheme). */
function deletions(word: string, depth: number, out = new Set<string>()): Set<string> {
  if (depth === 0 || word.length <= 1) return out
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1)
    if (!out.has(shorter)) {
      out.add(shorter)
      deletions(shorter, depth - 1, out)
    }
  }
  return out
}

/** A set of documents as a bitset over their positions. */
class Bits {
  readonly words: Uint32Array
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5)
  }
  static all(size: number): Bits {
    const b = new Bits(size)
    b.words.fill(0xffffffff)
    if (size & 31) b.words[b.words.length - 1] = (1 << (size & 31)) - 1
    return b
  }
  add(i: number) {
    this.words[i >>> 5]! |= 1 << (i & 31)
  }
  has(i: number) {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0
  }
  and(other: Bits): Bits {
    const out = new Bits(this.size)
    for (let w = 0; w < this.words.length; w++) out.words[w] = this.words[w]! & other.words[w]!
    return out
  }
  /** Members of this set that are not in `other`. */
  andNot(other: Bits): Bits {
    const out = new Bits(this.size)
    for (let w = 0; w < this.words.length; w++) out.words[w] = this.words[w]! & ~other.words[w]!
    return out
  }
  or(other: Bits): Bits {
    const out = new Bits(this.size)
    for (let w = 0; w < this.words.length; w++) out.words[w] = this.words[w]! | other.words[w]!
    return out
  }
  count(): number {
    let n = 0
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!
      v -= (v >>> 1) & 0x55555555
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
    }
    return n
  }
  /** Calls fn with each member, in order. */
  forEach(fn: (i: number) => void) {
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!
      while (v !== 0) {
        const bit = v & -v
        fn((w << 5) + (31 - Math.clz32(bit)))
        v ^= bit
      }
    }
  }
}

interface Facet {
  /** Value names, by number. */
  names: string[]
  /** Value → bitset of the documents that have it. */
  values: Map<string, Bits>
  /** Document i's value numbers are ids[start[i] .. start[i + 1]). */
  start: Int32Array
  ids: Int32Array
}

export class CatalogIndex {
  readonly size: number
  readonly #docs: CatalogDocument[]
  /** Word → positions of the documents containing it, ascending. */
  readonly #postings = new Map<string, Int32Array>()
  /** The words, sorted, for prefix lookups. */
  readonly #vocabulary: string[]
  /** A word with letters deleted → the words it came from (typo lookups). */
  readonly #deletions = new Map<string, string[]>()
  readonly #facets = new Map<string, Facet>()
  /** Document positions by id. */
  readonly #position = new Map<string, number>()

  constructor(docs: CatalogDocument[]) {
    this.#docs = docs
    this.size = docs.length
    const postings = new Map<string, number[]>()
    docs.forEach((doc, i) => {
      this.#position.set(doc.id, i)
      for (const text of doc.text) {
        for (const word of words(text)) {
          const list = postings.get(word)
          if (!list) postings.set(word, [i])
          else if (list[list.length - 1] !== i) list.push(i)
        }
      }
    })
    // Facets: the value numbers of each document, flat, and a bitset per value.
    const names = new Set<string>()
    for (const doc of docs) for (const name of Object.keys(doc.facets)) names.add(name)
    for (const name of names) {
      const numbers = new Map<string, number>()
      const start = new Int32Array(this.size + 1)
      const ids: number[] = []
      const values = new Map<string, Bits>()
      docs.forEach((doc, i) => {
        for (const value of doc.facets[name] ?? []) {
          let n = numbers.get(value)
          if (n === undefined) {
            n = numbers.size
            numbers.set(value, n)
            values.set(value, new Bits(this.size))
          }
          ids.push(n)
          values.get(value)!.add(i)
        }
        start[i + 1] = ids.length
      })
      this.#facets.set(name, { names: [...numbers.keys()], values, start, ids: Int32Array.from(ids) })
    }
    for (const [word, list] of postings) this.#postings.set(word, Int32Array.from(list))
    this.#vocabulary = [...this.#postings.keys()].sort()
    for (const word of this.#vocabulary) {
      const allowed = typosAllowed(word)
      for (const variant of deletions(word, allowed)) {
        const from = this.#deletions.get(variant)
        if (from) from.push(word)
        else this.#deletions.set(variant, [word])
      }
    }
  }

  get facetNames(): string[] {
    return [...this.#facets.keys()]
  }

  /** The index's words a query word may mean: itself, words it begins (when it is being typed), near misspellings. */
  matchingWords(word: string, prefix: boolean): string[] {
    const found = new Set<string>()
    if (this.#postings.has(word)) found.add(word)
    if (prefix) {
      let lo = 0
      let hi = this.#vocabulary.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (this.#vocabulary[mid]! < word) lo = mid + 1
        else hi = mid
      }
      for (let i = lo; i < this.#vocabulary.length && this.#vocabulary[i]!.startsWith(word); i++) found.add(this.#vocabulary[i]!)
    }
    const allowed = typosAllowed(word)
    if (allowed > 0) {
      const candidates = new Set<string>()
      for (const variant of [word, ...deletions(word, allowed)]) {
        for (const w of this.#deletions.get(variant) ?? []) candidates.add(w)
        if (this.#postings.has(variant)) candidates.add(variant)
      }
      for (const w of candidates) {
        if (!found.has(w) && typoDistance(word, w, allowed) <= allowed) found.add(w)
      }
    }
    return [...found]
  }

  /**
   * Documents matching every word of `q` (as written, as a prefix when it is the last word, or
   * with a typo), and for each the number of words it matched without a typo (its relevance).
   */
  #textMatches(q: string): { bits: Bits; exact: Uint8Array } {
    const queryWords = words(q).slice(0, 10)
    let result = Bits.all(this.size)
    const exact = new Uint8Array(this.size)
    queryWords.forEach((word, i) => {
      const any = new Bits(this.size)
      for (const w of this.matchingWords(word, i === queryWords.length - 1)) {
        const typo = w !== word && !(i === queryWords.length - 1 && w.startsWith(word))
        for (const d of this.#postings.get(w)!) {
          if (!typo && !any.has(d)) exact[d]!++
          any.add(d)
        }
      }
      result = result.and(any)
    })
    return { bits: result, exact }
  }

  #filterBits(name: string, values: string[]): Bits | null {
    const facet = this.#facets.get(name)
    let bits = new Bits(this.size)
    for (const v of values) {
      const b = facet?.values.get(v)
      if (b) bits = bits.or(b)
    }
    return bits
  }

  search(query: CatalogQuery): CatalogAnswer {
    const found = query.q && words(query.q).length ? this.#textMatches(query.q) : null
    const text = found?.bits ?? Bits.all(this.size)
    const filters = Object.entries(query.filters ?? {}).filter(([, values]) => values.length > 0)
    const filterBits = new Map(filters.map(([name, values]) => [name, this.#filterBits(name, values)!]))
    // A document that passes every filter is a result and counts for every facet; one that
    // fails a single facet's filter counts for that facet only (what choosing another value
    // there would give); one that fails two counts for none. The sets are formed a machine word
    // at a time, so only the documents that count are visited.
    const filterList = [...filterBits]
    const facetList = [...this.#facets]
    const counts = facetList.map(([, facet]) => new Int32Array(facet.names.length))
    const countFacet = (f: number, i: number) => {
      const { start, ids } = facetList[f]![1]
      const tally = counts[f]!
      for (let k = start[i]!; k < start[i + 1]!; k++) tally[ids[k]!]!++
    }
    const passing = filterList.reduce((set, [, bits]) => set.and(bits), text)
    const positions: number[] = []
    passing.forEach((i) => {
      positions.push(i)
      for (let f = 0; f < facetList.length; f++) countFacet(f, i)
    })
    filterList.forEach(([name, bits], f) => {
      const facet = facetList.findIndex(([n]) => n === name)
      if (facet < 0) return
      let onlyThis = text.andNot(bits)
      filterList.forEach(([, other], g) => {
        if (g !== f) onlyThis = onlyThis.and(other)
      })
      onlyThis.forEach((i) => {
        countFacet(facet, i)
      })
    })
    const facets: Record<string, Record<string, number>> = {}
    facetList.forEach(([name, facet], f) => {
      const out: Record<string, number> = {}
      const tally = counts[f]!
      for (let v = 0; v < tally.length; v++) if (tally[v]! > 0) out[facet.names[v]!] = tally[v]!
      facets[name] = out
    })

    const sort = query.sort
    if (!sort && found) {
      // By relevance: more words matched without a typo first, then the catalog's order.
      const exact = found.exact
      positions.sort((x, y) => exact[y]! - exact[x]! || x - y)
    } else if (sort) {
      const sign = sort.dir === 'desc' ? -1 : 1
      positions.sort((x, y) => {
        const a = this.#docs[x]!.sort[sort.key] ?? null
        const b = this.#docs[y]!.sort[sort.key] ?? null
        if (a === b) return x - y
        if (a === null) return 1
        if (b === null) return -1
        return (a < b ? -1 : 1) * sign
      })
    }
    const pageSize = query.pageSize ?? 20
    const start = ((query.page ?? 1) - 1) * pageSize
    return {
      ids: positions.slice(start, start + pageSize).map((i) => this.#docs[i]!.id),
      total: positions.length,
      facets,
    }
  }

  document(id: string): CatalogDocument | undefined {
    const i = this.#position.get(id)
    return i === undefined ? undefined : this.#docs[i]
  }
}
