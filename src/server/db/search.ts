import { type RawBuilder, sql } from 'kysely'
import { fold } from '../../shared/text.js'

/**
 * Full-text search without extensions, the same on PGlite and PostgreSQL: a tsvector in the
 * 'simple' configuration over the text as written and as folded (no accents, no punctuation),
 * queried by word prefixes. "evora" finds "Évora", "braga01" finds "P  BRAGA01", "Сеч" finds "Сеченов".
 */
export function searchDocument(...parts: (string | null | undefined)[]): RawBuilder<string> {
  const raw = parts.filter((p): p is string => !!p).join(' ')
  return sql<string>`to_tsvector('simple', ${`${raw} ${fold(raw)}`})`
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu

/**
 * A tsquery matching documents that contain every word of `q`, or null when `q` has no words.
 * A word is matched as a prefix while it may still be being typed: the last word of each
 * whitespace-separated part. Words followed by punctuation in the same part ("GEN" in "GEN-0004",
 * "uminho" in "uminho.pt") are complete, and so is a single letter ("P" in "P  BRAGA01"); those
 * match whole words only, which also spares the index a scan of every word that starts with them.
 */
export function searchQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .flatMap((part) => (part.match(WORD) ?? []).map((raw, i, all) => ({ raw, prefix: i === all.length - 1 && raw.length > 1 })))
    .slice(0, 12)
  if (words.length === 0) return null
  const terms = words.map(({ raw, prefix }) => {
    const star = prefix ? ':*' : ''
    const folded = fold(raw).split(' ').filter(Boolean)
    const foldedTerm = folded.map((w) => `'${w}'${star}`).join(' & ')
    if (folded.length === 1 && folded[0] === raw) return foldedTerm
    return folded.length ? `('${raw}'${star} | (${foldedTerm}))` : `'${raw}'${star}`
  })
  return terms.join(' & ')
}

/** `column @@ to_tsquery('simple', q)`, for a where clause. */
export function matches(column: string, query: string) {
  return sql<boolean>`${sql.ref(column)} @@ to_tsquery('simple', ${query})`
}
