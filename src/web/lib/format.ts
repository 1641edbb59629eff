import i18n from '../i18n'

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—'
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—'
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso))
}

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Languages offered first where a person names one they speak (ISO 639-1). */
export const COMMON_LANGUAGES = [
  'en',
  'pt',
  'es',
  'fr',
  'de',
  'it',
  'ru',
  'kk',
  'ko',
  'mn',
  'zh',
  'ja',
  'tr',
  'ar',
  'pl',
  'cs',
  'nl',
  'sv',
  'fi',
  'hu',
  'ro',
  'el',
  'uk',
  'uz',
  'ky',
]
