import { describe, expect, it } from 'vitest'
import { type CatalogDocument, CatalogIndex, typosAllowed } from './search-index.js'

const doc = (
  id: string,
  text: string[],
  facets: Record<string, string[]>,
  sort: CatalogDocument['sort'] = {},
): CatalogDocument => ({
  id,
  text,
  facets,
  sort,
})

const DOCS = [
  doc(
    'cardio-porto',
    ['Clinical elective in cardiology', 'Estágio clínico em cardiologia', 'Universidade do Porto', 'Porto'],
    { country: ['PT'], language: ['pt', 'en'], clinical: ['yes'], type: ['clinical_elective'] },
    { title: 'Clinical elective in cardiology', deadline: 20_100 },
  ),
  doc(
    'surgery-seoul',
    ['Surgery rotation', '외과 실습', 'Seoul National University', 'Seoul'],
    { country: ['KR'], language: ['ko', 'en'], clinical: ['yes'], type: ['clinical_elective'] },
    { title: 'Surgery rotation', deadline: 20_050 },
  ),
  doc(
    'semester-moscow',
    ['Exchange semester in medicine', 'Семестр обмена', 'Sechenov University', 'Москва'],
    { country: ['RU'], language: ['ru'], clinical: ['no'], type: ['exchange_semester'] },
    { title: 'Exchange semester in medicine', deadline: null },
  ),
  doc(
    'research-braga',
    ['Research internship in neuroscience', 'Universidade do Minho', 'Braga'],
    { country: ['PT'], language: ['en'], clinical: ['no'], type: ['research_internship'] },
    { title: 'Research internship in neuroscience', deadline: 20_200 },
  ),
]

describe('catalog search index', () => {
  const index = new CatalogIndex(DOCS)

  it('finds words in any catalog language, as prefixes of the last word typed and without accents', () => {
    expect(index.search({ q: 'cardio' }).ids).toEqual(['cardio-porto'])
    expect(index.search({ q: 'estagio clinico' }).ids).toEqual(['cardio-porto'])
    expect(index.search({ q: 'семестр' }).ids).toEqual(['semester-moscow'])
    expect(index.search({ q: '외과' }).ids).toEqual(['surgery-seoul'])
    expect(index.search({ q: 'universidade' }).ids.sort()).toEqual(['cardio-porto', 'research-braga'])
  })

  it('forgives a typo in a word of four letters or more, two from eight, and ranks exact matches first', () => {
    expect(typosAllowed('seul')).toBe(1)
    expect(typosAllowed('cardiology')).toBe(2)
    expect(index.search({ q: 'cardiolgy' }).ids).toEqual(['cardio-porto'])
    expect(index.search({ q: 'surgrey' }).ids).toEqual(['surgery-seoul'])
    expect(index.search({ q: 'neurosceince internship' }).ids).toEqual(['research-braga'])
    // Short words must be right: "ru" is not "pt".
    expect(index.search({ q: 'xyz' }).ids).toEqual([])
    // "semester" as written outranks a near miss of another word.
    expect(index.search({ q: 'semester' }).ids[0]).toBe('semester-moscow')
  })

  it('requires every word', () => {
    expect(index.search({ q: 'clinical seoul' }).ids).toEqual([])
    expect(index.search({ q: 'surgery seoul' }).ids).toEqual(['surgery-seoul'])
  })

  it("filters by facets (any of a facet's values, all facets) and counts each facet without its own filter", () => {
    const answer = index.search({ filters: { country: ['PT', 'KR'], clinical: ['yes'] } })
    expect(answer.ids.sort()).toEqual(['cardio-porto', 'surgery-seoul'])
    expect(answer.total).toBe(2)
    // Countries counted with clinical = yes only: RU has no clinical opportunity.
    expect(answer.facets.country).toEqual({ PT: 1, KR: 1 })
    // Clinical practice counted with the countries only.
    expect(answer.facets.clinical).toEqual({ yes: 2, no: 1 })
    expect(answer.facets.language).toEqual({ pt: 1, en: 2, ko: 1 })
  })

  it('counts facets over the text matches', () => {
    const answer = index.search({ q: 'universidade' })
    expect(answer.facets.country).toEqual({ PT: 2 })
    expect(answer.facets.type).toEqual({ clinical_elective: 1, research_internship: 1 })
  })

  it('sorts, with empty values last either way, and pages', () => {
    expect(index.search({ sort: { key: 'deadline', dir: 'asc' } }).ids).toEqual([
      'surgery-seoul',
      'cardio-porto',
      'research-braga',
      'semester-moscow',
    ])
    expect(index.search({ sort: { key: 'deadline', dir: 'desc' } }).ids[3]).toBe('semester-moscow')
    const second = index.search({ sort: { key: 'title', dir: 'asc' }, page: 2, pageSize: 3 })
    expect(second).toMatchObject({ ids: ['Surgery rotation'].map(() => 'surgery-seoul'), total: 4 })
  })

  it('answers an empty catalog and an unknown facet value', () => {
    expect(new CatalogIndex([]).search({ q: 'anything' })).toEqual({ ids: [], total: 0, facets: {} })
    expect(index.search({ filters: { country: ['ZZ'] } }).total).toBe(0)
  })
})
