import { type Kysely, sql } from 'kysely'
import type { DB } from '../src/server/db/schema.js'
import type { CatalogDocument } from '../src/server/modules/catalog/search/search-index.js'
import { OPPORTUNITY_KINDS, SPECIALTIES as SPECIALTY_LIST } from '../src/shared/opportunities.js'
import { prng } from './generate-network.js'

const SPECIALTIES = (
  'cardiology dermatology emergency endocrinology gastroenterology geriatrics gynecology haematology infectious ' +
  'nephrology neurology neurosurgery obstetrics oncology ophthalmology orthopaedics otolaryngology paediatrics ' +
  'pathology psychiatry pulmonology radiology rheumatology surgery urology anaesthesiology family tropical ' +
  'public-health epidemiology pharmacology nursing dentistry genetics immunology microbiology physiology'
).split(' ')
const LANGUAGES = ['en', 'pt', 'es', 'de', 'fr', 'it', 'ko', 'ru', 'mn', 'tr']
const LEVELS = ['A2', 'B1', 'B2', 'C1']
const COUNTRIES = 'PT ES DE FR IT PL SE KR MN RU KZ TR US BR JP CN IN GB NL CZ HU AT BE DK FI NO IE GR RO LT'.split(' ')
const WORDS = (
  'students join the team on ward rounds outpatient clinics and the operating theatre with daily teaching ' +
  'case discussions research seminars simulation training bedside skills patient care under supervision ' +
  'weekly journal club language support accommodation in the university residence mentoring by faculty'
).split(' ')
const TITLES_PT = ['Estágio clínico em', 'Semestre de intercâmbio em', 'Escola de verão de', 'Estágio de investigação em']
const TITLES_RU = ['Клиническая практика:', 'Семестр обмена:', 'Летняя школа:', 'Научная стажировка:']

/** `n` catalog documents as the index receives them, deterministic, for measuring the search. */
export function generateCatalog(n: number, seed = 11): CatalogDocument[] {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const docs: CatalogDocument[] = []
  for (let i = 0; i < n; i++) {
    const type = pick(OPPORTUNITY_KINDS)
    const specialty = pick(SPECIALTIES)
    const country = pick(COUNTRIES)
    const city = `City${country}${Math.floor(rnd() * 12)}`
    const languages = [...new Set([pick(LANGUAGES), rnd() < 0.6 ? 'en' : pick(LANGUAGES)])]
    const weeks = 2 + Math.floor(rnd() * 24)
    const fee = rnd() < 0.5 ? 0 : Math.floor(rnd() * 3000)
    const title = `${type.replace('_', ' ')} in ${specialty} ${i}`
    const description = Array.from({ length: 30 }, () => pick(WORDS)).join(' ')
    docs.push({
      id: `opp-${i}`,
      text: [title, `${pick(TITLES_PT)} ${specialty}`, `${pick(TITLES_RU)} ${specialty}`, description, `Host ${i % 5000}`, city],
      facets: {
        country: [country],
        city: [city],
        type: [type],
        specialty: [specialty],
        language: languages,
        minLevel: [pick(LEVELS)],
        clinical: [type === 'clinical_elective' || rnd() < 0.2 ? 'yes' : 'no'],
        duration: [weeks <= 4 ? 'up_to_4_weeks' : weeks <= 8 ? '5_to_8_weeks' : weeks <= 16 ? '9_to_16_weeks' : 'longer'],
        period: [`2027-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`],
        cost: [fee === 0 ? 'free' : fee < 500 ? 'under_500' : fee < 1500 ? 'under_1500' : 'more'],
      },
      sort: { title, deadline: 20_000 + Math.floor(rnd() * 400), weeks, fee },
    })
  }
  return docs
}

/**
 * `n` published opportunities in the database, hosted by the institutions there, with up to
 * three rotation blocks each, written in batches: the catalog's benchmark data.
 */
export async function generateOpportunities(db: Kysely<DB>, n: number, seed = 13) {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const hosts = (await db.selectFrom('institutions').select('id').where('is_home', '=', false).execute()).map((h) => h.id)
  const BATCH = 500
  for (let i = 0; i < n; i += BATCH) {
    const rows = []
    const blockCounts: number[] = []
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const kind = pick(OPPORTUNITY_KINDS)
      const specialty = pick(SPECIALTY_LIST)
      const words = specialty.replace(/_/g, ' ')
      const languages = [...new Set([pick(LANGUAGES), rnd() < 0.6 ? 'en' : pick(LANGUAGES)])].map((language) => ({
        language,
        minLevel: rnd() < 0.8 ? pick(LEVELS) : null,
      }))
      const fee = rnd() < 0.5 ? 0 : Math.floor(rnd() * 3000)
      rows.push({
        kind,
        direction: 'outgoing' as const,
        status: 'published' as const,
        host_institution_id: pick(hosts),
        title: JSON.stringify({
          en: `${kind.replace(/_/g, ' ')} in ${words} ${j}`,
          pt: `${pick(TITLES_PT)} ${words}`,
          ru: `${pick(TITLES_RU)} ${words}`,
        }),
        description: JSON.stringify({ en: `<p>${Array.from({ length: 30 }, () => pick(WORDS)).join(' ')}</p>` }),
        specialty,
        languages: JSON.stringify(languages),
        clinical_practice: kind === 'clinical_elective' || rnd() < 0.2,
        duration_weeks: 2 + Math.floor(rnd() * 24),
        fee_amount: fee,
        fee_currency: fee ? 'EUR' : null,
        application_deadline: `2027-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`,
        requirements: ['insurance', ...(rnd() < 0.5 ? ['immunisations'] : [])],
        published_at: new Date(),
      })
      blockCounts.push(Math.floor(rnd() * 4))
    }
    const inserted = await db.insertInto('opportunities').values(rows).returning('id').execute()
    const blocks = inserted.flatMap((o, k) =>
      Array.from({ length: blockCounts[k]! }, (_, b) => {
        const month = 1 + Math.floor(rnd() * 11)
        return {
          opportunity_id: o.id,
          position: b,
          label: `Block ${b + 1}`,
          starts_on: `2027-${String(month).padStart(2, '0')}-01`,
          ends_on: `2027-${String(month + 1).padStart(2, '0')}-01`,
          capacity: 1 + Math.floor(rnd() * 6),
        }
      }),
    )
    if (blocks.length) await db.insertInto('opportunity_blocks').values(blocks).execute()
  }
  await sql`vacuum analyze opportunities`.execute(db)
  await sql`vacuum analyze opportunity_blocks`.execute(db)
}
