/**
 * Folds text for matching: lower case, accents removed, punctuation turned into single spaces.
 * "Universidade de ÉVORA" and "universidade de evora" fold to the same key. Letters of every
 * script are kept (Cyrillic, Hangul), so names in any language can be searched.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Edit distance between two strings, stopping early once it exceeds `max`. With `transpositions`,
 * a swap of two neighbouring letters counts as one edit (optimal string alignment), the commonest
 * typo: "surgrey" is then one edit from "surgery", not two.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY, transpositions = false): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1)
      row.push(v)
      if (v < best) best = v
    }
    // A row's smallest value never falls in later rows (a swap only reaches back past a row no larger).
    if (best > max) return max + 1
    before = prev
    prev = row
  }
  return prev[b.length]!
}

/** Edit distance counting a swap of neighbouring letters as one edit (see editDistance). */
export function typoDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  return editDistance(a, b, max, true)
}

/** Two folded names are near-identical when they differ by a typo or two (relative to their length). */
export function nearlySameName(a: string, b: string): boolean {
  if (a === b) return true
  const allowed = Math.min(3, Math.floor(Math.max(a.length, b.length) / 12))
  return allowed > 0 && editDistance(a, b, allowed) <= allowed
}

const SMALL_WORDS = new Set([
  'of',
  'and',
  'the',
  'for',
  'de',
  'do',
  'da',
  'dos',
  'das',
  'e',
  'y',
  'del',
  'la',
  'di',
  'für',
  'und',
  'der',
  'et',
])

/**
 * "UNIVERSIDADE DO MINHO" → "Universidade do Minho". Only text written wholly in capitals is
 * changed; a name someone typed with care keeps its spelling. Words of up to three letters are
 * taken for acronyms (WHO, KTH) and stay as they are.
 */
export function tidyCapitals(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  const letters = trimmed.replace(/[^\p{L}]/gu, '')
  if (letters.length < 4 || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return trimmed
  return trimmed
    .split(' ')
    .map((word, i) => {
      const lower = word.toLowerCase()
      if (i > 0 && SMALL_WORDS.has(lower)) return lower
      if (word.replace(/[^\p{L}]/gu, '').length <= 3) return word
      return lower.replace(/(^|[-'’(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    })
    .join(' ')
}

/** A text kept in several languages, in the one asked for, else English, else any there is. */
export function inLanguage(texts: Readonly<Record<string, string>> | null | undefined, lang: string): string {
  if (!texts) return ''
  return texts[lang] ?? texts.en ?? Object.values(texts)[0] ?? ''
}

/**
 * What PostgreSQL cannot store in text or jsonb: NUL (U+0000), and an unpaired UTF-16 surrogate
 * (a high one not followed by a low one, or a low one alone), which is not a character at all.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for
export const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text made storable: NUL removed, each unpaired surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE_TEXT.source, 'g'), (c) => (c === '\u0000' ? '' : '\ufffd'))
}
