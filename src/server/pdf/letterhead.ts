import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { type Doc, write } from './document.js'

// The home institution's letterhead on generated letters: its logo (PNG or JPEG), its name, and
// the office with the city and country, in the letter's language.

export type Home = Awaited<ReturnType<typeof homeInstitution>>

export async function homeInstitution(db: Kysely<DB>) {
  return db
    .selectFrom('institutions')
    .select(['name', 'logo', 'logo_mime', 'city', 'country'])
    .where('is_home', '=', true)
    .executeTakeFirst()
}

export function letterhead(doc: Doc, home: Home, office: string, lang: string) {
  const countryName = new Intl.DisplayNames([lang], { type: 'region' })
  if (home?.logo && (home.logo_mime === 'image/png' || home.logo_mime === 'image/jpeg')) {
    doc.image(home.logo, 50, 40, { fit: [60, 60] })
    doc.y = 40
    doc.x = 120
  }
  write(doc, home?.name ?? 'Meridian', { bold: true, size: 14 })
  write(doc, [office, home?.city, home?.country ? countryName.of(home.country) : null].filter(Boolean).join(' · '), {
    size: 9,
    color: '#6b6f76',
  })
  doc.x = 50
  doc.moveDown(3)
}

/** A labelled line of a letter: the label small and grey, the value below it. */
export function letterLine(doc: Doc, label: string, value: string) {
  write(doc, label, { size: 8, color: '#6b6f76' })
  write(doc, value || '—', { size: 11 })
  doc.moveDown(0.4)
}
