import { type RawBuilder, sql } from 'kysely'
import { fold } from '../../shared/text.js'

/**
 * The words a list finds a row by, the same on PGlite and PostgreSQL: a tsvector in the 'simple'
 * configuration over the text as written and as folded (no accents, no punctuation). The lists
 * read its words (`tsvector_to_array`) into their index in memory (decision 023), so "evora"
 * finds "Évora", "braga01" finds "P  BRAGA01", "Сеч" finds "Сеченов".
 */
export function searchDocument(...parts: (string | null | undefined)[]): RawBuilder<string> {
  const raw = parts.filter((p): p is string => !!p).join(' ')
  return sql<string>`to_tsvector('simple', ${`${raw} ${fold(raw)}`})`
}

/** A word of the index that a query word asks for: this word, or any word it begins. */
export interface Term {
  word: string
  prefix: boolean
}

/** One word of a query: it matches a row when every term of one of its alternatives does. */
export type QueryWord = Term[][]

const WORD = /[\p{L}\p{N}\p{M}]+/gu

/**
 * What a row must contain to match every word of `q`: each word as written or without its
 * accents. A word is matched as a prefix while it may still be being typed: the last word of each
 * whitespace-separated part. Words followed by punctuation in the same part ("GEN" in "GEN-0004",
 * "uminho" in "uminho.pt") are complete, and so is a single letter ("P" in "P  BRAGA01"); those
 * match whole words only. At most 12 words; none when `q` has no letters or digits.
 */
export function searchTerms(q: string): QueryWord[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .flatMap((part) => (part.match(WORD) ?? []).map((raw, i, all) => ({ raw, prefix: i === all.length - 1 && raw.length > 1 })))
    .slice(0, 12)
    .map(({ raw, prefix }) => {
      const folded = fold(raw)
        .split(' ')
        .filter(Boolean)
        .map((word) => ({ word, prefix }))
      if (folded.length === 1 && folded[0]!.word === raw) return [folded]
      return folded.length ? [[{ word: raw, prefix }], folded] : [[{ word: raw, prefix }]]
    })
}
