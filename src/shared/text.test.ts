import { describe, expect, it } from 'vitest'
import { editDistance, typoDistance } from './text.js'

describe('typoDistance', () => {
  it('counts a swap of neighbouring letters as one edit, where plain edit distance counts two', () => {
    expect(typoDistance('surgrey', 'surgery')).toBe(1)
    expect(editDistance('surgrey', 'surgery')).toBe(2)
  })

  it('counts insertions, deletions and substitutions as edit distance does', () => {
    for (const [a, b] of [
      ['kitten', 'sitting'],
      ['', 'abc'],
      ['cardiology', 'cardiolgy'],
      ['seoul', 'seoul'],
    ] as const) {
      expect(typoDistance(a, b)).toBe(editDistance(a, b))
    }
  })

  it('stops early once past the limit', () => {
    expect(typoDistance('cardiology', 'neuroscience', 2)).toBe(3)
  })
})
