import { describe, expect, it } from 'vitest'
import { searchQuery } from './search.js'

describe('searchQuery', () => {
  it('matches the word being typed as a prefix and finished words whole', () => {
    expect(searchQuery('medical seoul')).toBe("'medical':* & 'seoul':*")
    expect(searchQuery('GEN-0004')).toBe("'gen' & '0004':*")
    expect(searchQuery('uminho.pt')).toBe("'uminho' & 'pt':*")
  })

  it('takes a single letter as a whole word, as in an Erasmus code', () => {
    expect(searchQuery('P  BRAGA01')).toBe("'p' & 'braga01':*")
  })

  it('looks for the word as written and without its accents', () => {
    expect(searchQuery('Évora')).toBe("('évora':* | ('evora':*))")
  })

  it('has nothing to look for without letters or digits', () => {
    expect(searchQuery(' -- ')).toBeNull()
  })
})
