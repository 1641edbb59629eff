import { describe, expect, it } from 'vitest'
import { searchTerms } from './search.js'

const word = (word: string, prefix: boolean) => ({ word, prefix })

describe('searchTerms', () => {
  it('matches the word being typed as a prefix and finished words whole', () => {
    expect(searchTerms('medical seoul')).toEqual([[[word('medical', true)]], [[word('seoul', true)]]])
    expect(searchTerms('GEN-0004')).toEqual([[[word('gen', false)]], [[word('0004', true)]]])
    expect(searchTerms('uminho.pt')).toEqual([[[word('uminho', false)]], [[word('pt', true)]]])
  })

  it('takes a single letter as a whole word, as in an Erasmus code', () => {
    expect(searchTerms('P  BRAGA01')).toEqual([[[word('p', false)]], [[word('braga01', true)]]])
  })

  it('looks for the word as written and without its accents', () => {
    expect(searchTerms('Évora')).toEqual([[[word('évora', true)], [word('evora', true)]]])
  })

  it('keeps at most 12 words, and has nothing to look for without letters or digits', () => {
    expect(searchTerms('a b c d e f g h i j k l m n')).toHaveLength(12)
    expect(searchTerms(' -- ')).toEqual([])
  })
})
