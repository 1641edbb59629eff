import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, type Language } from '../../shared/limits'
import en from './locales/en.json'
import ko from './locales/ko.json'
import mn from './locales/mn.json'
import pt from './locales/pt.json'
import ru from './locales/ru.json'

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
  void i18n.changeLanguage(lang)
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

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    ru: { translation: ru },
    pt: { translation: pt },
    ko: { translation: ko },
    mn: { translation: mn },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export default i18n
