import { describe, expect, it } from 'vitest'
import { containsPattern } from './like.js'

describe('containsPattern', () => {
  it('wraps the text and escapes the LIKE wildcards and the escape itself', () => {
    expect(containsPattern('Minho')).toBe('%Minho%')
    expect(containsPattern('100%_\\')).toBe('%100\\%\\_\\\\%')
  })
})
