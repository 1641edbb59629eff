import { type Kysely, type RawBuilder, sql } from 'kysely'
import { fold } from '../../shared/text.js'
import type { DB } from './schema.js'

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

/** A tsquery matching documents that contain every word of `q` as a prefix, or null when `q` has no words. */
export function searchQuery(q: string): string | null {
  const words = (q.toLowerCase().match(WORD) ?? []).slice(0, 12)
  if (words.length === 0) return null
  const terms = words.map((raw) => {
    const folded = fold(raw).split(' ').filter(Boolean)
    const foldedTerm = folded.map((w) => `'${w}':*`).join(' & ')
    if (folded.length === 1 && folded[0] === raw) return foldedTerm
    return folded.length ? `('${raw}':* | (${foldedTerm}))` : `'${raw}':*`
  })
  return terms.join(' & ')
}

/** `column @@ to_tsquery('simple', q)`, for a where clause. */
export function matches(column: string, query: string) {
  return sql<boolean>`${sql.ref(column)} @@ to_tsquery('simple', ${query})`
}

/** A text query matching at most this many rows is narrow: its rows are gathered first. */
export const NARROW_MATCHES = 200

/**
 * The ids of the rows of `table` that match `query`, through the GIN index, when there are at most
 * NARROW_MATCHES of them; null when the query is broad. The planner cannot tell a narrow prefix
 * query from a broad one (it assumes a fixed share of rows), so the list asks first: a narrow one
 * is then read by id, a broad one in the list's sort order with the match as a filter, where the
 * first page fills after a few rows.
 */
export async function narrowMatches(
  db: Kysely<DB>,
  table: 'institutions' | 'agreements',
  query: string,
): Promise<string[] | null> {
  const { rows } = await sql<{ id: string }>`select id from ${sql.table(table)}
    where search @@ to_tsquery('simple', ${query}) limit ${NARROW_MATCHES + 1}`.execute(db)
  return rows.length > NARROW_MATCHES ? null : rows.map((r) => r.id)
}
