import { describe, expect, it } from 'vitest'
import { ERASMUS_CODE, normaliseErasmusCode, normaliseRorId, ROR_ID, SCHAC_ID } from './identifiers.js'

describe('institution identifiers', () => {
  it.each([
    ['P  BRAGA01', 'P  BRAGA01'],
    ['p braga01', 'P  BRAGA01'],
    ['P BRAGA01', 'P  BRAGA01'],
    ['UK LONDON029', 'UK LONDON029'],
    ['D  BERLIN01', 'D  BERLIN01'],
  ])('normalises the Erasmus code %j to %j', (raw, code) => {
    expect(normaliseErasmusCode(raw)).toBe(code)
    expect(ERASMUS_CODE.test(code)).toBe(true)
  })
  it('refuses what is not an Erasmus code', () => {
    for (const bad of ['BRAGA', 'PORTUGAL BRAGA01', '12 BRAGA01', 'P  BRAGA'])
      expect(ERASMUS_CODE.test(normaliseErasmusCode(bad))).toBe(false)
  })
  it('checks SCHAC codes and ROR ids', () => {
    expect(SCHAC_ID.test('uminho.pt')).toBe(true)
    expect(SCHAC_ID.test('UMinho')).toBe(false)
    expect(normaliseRorId('https://ror.org/037wpkx04')).toBe('037wpkx04')
    expect(ROR_ID.test('037wpkx04')).toBe(true)
    expect(ROR_ID.test('137wpkx04')).toBe(false)
  })
})
