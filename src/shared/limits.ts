/** Limits shared by the server's validation and the web forms, so both say the same thing. */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200
export const NAME_MAX_LENGTH = 200
export const EMAIL_MAX_LENGTH = 254
export const PAGE_SIZE_MAX = 200
export const LOGO_MAX_BYTES = 512 * 1024
/** Days after a mobility ends before its identity and health documents are deleted (decision 027). */
export const DEFAULT_RETENTION_DAYS = 365
export const RETENTION_DAYS_MIN = 30
export const RETENTION_DAYS_MAX = 3650
export const LANGUAGES = ['en', 'ru', 'pt', 'ko', 'mn'] as const
export type Language = (typeof LANGUAGES)[number]

/** The language of a generated document: the one asked for, else the reader's own when the catalog has it, else English. */
export function documentLanguage(requested: Language | undefined, readerLocale: string): Language {
  return requested ?? ((LANGUAGES as readonly string[]).includes(readerLocale) ? (readerLocale as Language) : 'en')
}
/** An applicant's document (transcript, certificate, passport scan…). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
