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
/** Plural forms differ by language (Russian has few and many, Korean only other): compare the message, not its forms. */
const PLURAL = /_(zero|one|two|few|many|other)$/
const messages = (obj: object) => [...new Set(keys(obj).map((k) => k.replace(PLURAL, '')))].sort()
/** A message's text: the key itself, or its `other` form when it has plural forms. */
const text = (obj: object, message: string) => get(obj, message) ?? get(obj, `${message}_other`)

describe.each([
  ['ru', ru],
  ['pt', pt],
  ['ko', ko],
  ['mn', mn],
])('the %s catalogue', (lang, catalogue) => {
  it('has every key of the English one and no other', () => {
    expect(messages(catalogue)).toEqual(messages(en))
  })
  it('has every plural form its language needs', () => {
    const plurals = new Set(
      keys(en)
        .filter((k) => PLURAL.test(k))
        .map((k) => k.replace(PLURAL, '')),
    )
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
    for (const message of plurals)
      for (const form of forms) expect(get(catalogue, `${message}_${form}`), `${message}_${form}`).toBeTypeOf('string')
  })
  it('keeps the placeholders of each message', () => {
    for (const key of keys(catalogue))
      expect(placeholders(get(catalogue, key)), key).toEqual(placeholders(text(en, key.replace(PLURAL, ''))))
  })
  it('is translated, not a copy of English', () => {
    const same = keys(en).filter((k) => get(catalogue, k) === get(en, k))
    // Names of languages, the product and a few technical terms stay as they are.
    expect(same.length).toBeLessThan(keys(en).length * 0.15)
  })
})
