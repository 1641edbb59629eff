import { z } from 'zod'
import { isCountryCode } from '../../shared/identifiers.js'
import { LANGUAGES } from '../../shared/limits.js'

// The zod building blocks every room's schemas are made of. Messages say what is expected, with an
// example, because they reach people as "<field label>: <message>".

/** Free text, trimmed, at most `max` characters. */
export const Text = (max: number) => z.string().trim().max(max)

/** A calendar date, YYYY-MM-DD, that exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'is not a calendar date')

/** An ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as PT or KR')

/** One of the languages Meridian's texts are kept in. */
export const CatalogLanguage = z.enum(LANGUAGES, { error: `must be one of the catalog languages (${LANGUAGES.join(', ')})` })
