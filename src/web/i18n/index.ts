import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, type Language } from '../../shared/limits'

// Each language's catalogue is its own file, fetched when the language is first used, so a page
// carries only the one it shows (and English, the fallback).
const CATALOGUES: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./locales/en.json'),
  ru: () => import('./locales/ru.json'),
  pt: () => import('./locales/pt.json'),
  ko: () => import('./locales/ko.json'),
  mn: () => import('./locales/mn.json'),
}

async function loadLanguage(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return
  const catalogue = await CATALOGUES[lang]()
  i18n.addResourceBundle(lang, 'translation', catalogue.default)
}

const STORAGE_KEY = 'meridian.language'

export function isLanguage(value: string | null | undefined): value is Language {
  return !!value && (LANGUAGES as readonly string[]).includes(value)
}

/** The language chosen here before, else the browser's, else English. */
function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  if (isLanguage(stored)) return stored
  for (const lang of typeof navigator !== 'undefined' ? navigator.languages : []) {
    const short = lang.slice(0, 2)
    if (isLanguage(short)) return short
  }
  return 'en'
}

export function rememberLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang)
  void loadLanguage(lang).then(() => i18n.changeLanguage(lang))
}

const CHOSEN_KEY = 'meridian.language.chosen'

/** A language picked before signing in is the person's choice: it is saved to the account at sign-in. */
export function noteChosenBeforeSignIn(lang: Language): void {
  sessionStorage.setItem(CHOSEN_KEY, lang)
}

export function takeChosenBeforeSignIn(): Language | null {
  const lang = sessionStorage.getItem(CHOSEN_KEY)
  sessionStorage.removeItem(CHOSEN_KEY)
  return isLanguage(lang) ? lang : null
}

i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang
})

/** Resolves once the first language (and English) are loaded: the app renders after it. */
export const i18nReady: Promise<void> = (async () => {
  const lng = initialLanguage()
  await Promise.all([
    i18n.use(initReactI18next).init({
      resources: {},
      partialBundledLanguages: true,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    }),
    loadLanguage('en'),
    loadLanguage(lng),
  ])
  await i18n.changeLanguage(lng)
})()

export default i18n
