import { describe, expect, it } from 'vitest'
import en from './locales/en.json'
import ko from './locales/ko.json'
import mn from './locales/mn.json'
import pt from './locales/pt.json'
import ru from './locales/ru.json'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
function get(obj: object, key: string): string {
  return key.split('.').reduce<any>((o, k) => o?.[k], obj)
}
const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort()

describe.each([
  ['ru', ru],
  ['pt', pt],
  ['ko', ko],
  ['mn', mn],
])('the %s catalogue', (_lang, catalogue) => {
  it('has every key of the English one and no other', () => {
    expect(keys(catalogue).sort()).toEqual(keys(en).sort())
  })
  it('keeps the placeholders of each message', () => {
    for (const key of keys(en)) expect(placeholders(get(catalogue, key)), key).toEqual(placeholders(get(en, key)))
  })
  it('is translated, not a copy of English', () => {
    const same = keys(en).filter((k) => get(catalogue, k) === get(en, k))
    // Names of languages, the product and a few technical terms stay as they are.
    expect(same.length).toBeLessThan(keys(en).length * 0.15)
  })
})
