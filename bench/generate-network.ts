import { type Kysely, sql } from 'kysely'
import type { DB } from '../src/server/db/schema.js'
import { addDays, todayUtc } from '../src/server/kernel/dates.js'
import { derivedColumns } from '../src/server/modules/registry/agreements/agreements.repository.js'
import { indexColumns } from '../src/server/modules/registry/institutions/institutions.repository.js'
import { AGREEMENT_KINDS, MOBILITY_TYPES } from '../src/shared/agreements.js'

/** A small deterministic generator (mulberry32), so every run measures the same data. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COUNTRIES = [
  'PT',
  'ES',
  'DE',
  'FR',
  'IT',
  'PL',
  'SE',
  'KR',
  'MN',
  'RU',
  'KZ',
  'TR',
  'US',
  'BR',
  'JP',
  'CN',
  'IN',
  'GB',
  'NL',
  'CZ',
]
// A vocabulary as varied as a real network's names: about a hundred cities and forty
// qualifiers, so the search column's statistics know its common words as they would in life.
const CITIES = (
  'Braga Porto Lisboa Coimbra Madrid Granada Sevilla Valencia Barcelona Berlin München Hamburg Köln Heidelberg ' +
  'Lyon Paris Lille Marseille Toulouse Milano Roma Napoli Bologna Padova Kraków Warszawa Gdańsk Poznań Wrocław ' +
  'Uppsala Lund Göteborg Stockholm Seoul Busan Daegu Incheon Gwangju Ulaanbaatar Darkhan Erdenet Moskva Kazan ' +
  'Novosibirsk Tomsk Samara Astana Almaty Shymkent Karaganda Ankara İstanbul İzmir Bursa Boston Chicago Houston ' +
  'Baltimore Seattle Nashville São_Paulo Curitiba Recife Salvador Kyoto Osaka Sapporo Nagoya Wuhan Chengdu ' +
  'Shanghai Guangzhou Pune Mumbai Chennai Vellore Leeds Bristol Glasgow Oxford Utrecht Leiden Groningen ' +
  'Maastricht Brno Praha Olomouc Plzeň Debrecen Szeged Pécs Graz Innsbruck Tartu Kaunas Riga Vilnius Tbilisi'
)
  .split(' ')
  .map((c) => c.replace('_', ' '))
const QUALIFIERS = [
  '',
  '',
  '',
  'National',
  'State',
  'Federal',
  'Catholic',
  'Technical',
  'Central',
  'Royal',
  'Regional',
  'Teaching',
  'General',
  'Children’s',
  'Military',
  'Public',
  'Metropolitan',
  'Pirogov',
  'Sechenov',
  'Karolinska',
  'Semmelweis',
  'Jagiellonian',
  'Masaryk',
  'Yonsei',
  'Hacettepe',
  'Complutense',
  'Autónoma',
  'Católica',
  'Nova',
  'Paulista',
  'Trinity',
  'Saint Mary',
  'Saint Luke',
  'Pasteur',
  'Charité',
  'Gemelli',
  'Humboldt',
  'Erasmus',
  'Vesalius',
  'Avicenna',
  'Hippocrates',
  'Ibn Sina',
]
const STEMS = [
  'University of',
  'Medical University of',
  'Hospital of',
  'Institute of Health of',
  'School of Medicine of',
  'Universidade de',
  'Universität',
  'Université de',
]
const STATUSES = [
  'draft',
  'negotiation',
  'signed',
  'active',
  'active',
  'active',
  'expiring',
  'expired',
  'terminated',
  'renewed',
] as const
const ISCED = ['0912', '0911', '0913', '0916', '0919', '0914', '0915', '0511']

/** `institutions` partners and `agreements` agreements between the home institution and them, written in batches. */
export async function generateNetwork(db: Kysely<DB>, counts: { institutions: number; agreements: number }, seed = 42) {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const home = await db
    .selectFrom('institutions')
    .select(['id', 'name', 'city', 'country', 'erasmus_code', 'schac_id'])
    .where('is_home', '=', true)
    .executeTakeFirstOrThrow()
  const ids: string[] = []
  const party = (i: typeof home, isHome: boolean) => ({
    ...i,
    institution_id: i.id,
    is_home: isHome,
    org_unit_id: null,
    org_unit_name: null,
  })
  const homeParty = party(home, true)
  const parties = new Map<string, ReturnType<typeof party>>()
  const BATCH = 500
  for (let i = 0; i < counts.institutions; i += BATCH) {
    const rows = []
    for (let j = i; j < Math.min(counts.institutions, i + BATCH); j++) {
      const city = pick(CITIES)
      const name = [pick(QUALIFIERS), pick(STEMS), city, j + 1].filter(Boolean).join(' ')
      const erasmus = rnd() < 0.6 ? `X  GEN${String(j).padStart(6, '0')}` : null
      const schac = rnd() < 0.6 ? `gen${j}.example.org` : null
      const tags = rnd() < 0.2 ? ['coimbra group'] : []
      rows.push({
        name,
        kind: rnd() < 0.8 ? ('university' as const) : ('hospital' as const),
        country: pick(COUNTRIES),
        city,
        erasmus_code: erasmus,
        schac_id: schac,
        tags,
        ...indexColumns({ name, city, erasmus_code: erasmus, schac_id: schac, tags }),
      })
    }
    const inserted = await db
      .insertInto('institutions')
      .values(rows)
      .returning(['id', 'name', 'city', 'country', 'erasmus_code', 'schac_id'])
      .execute()
    for (const r of inserted) {
      ids.push(r.id)
      parties.set(r.id, party(r, false))
    }
  }
  const today = todayUtc()
  for (let i = 0; i < counts.agreements; i += BATCH) {
    const agreements: ({
      reference: string
      title: string
      kind: (typeof AGREEMENT_KINDS)[number]
      status: (typeof STATUSES)[number]
      start_date: string
      end_date: string
      termination_reason: string | null
    } & ReturnType<typeof derivedColumns>)[] = []
    const conditions: { mobility_type: (typeof MOBILITY_TYPES)[number]; isced: string; places: number }[] = []
    const partners: string[] = []
    for (let j = i; j < Math.min(counts.agreements, i + BATCH); j++) {
      const partner = pick(ids)
      partners.push(partner)
      // Dates agree with the status, as the daily job would leave them, so it has nothing to move.
      const status = pick(STATUSES)
      const days = (min: number, max: number) => min + Math.floor(rnd() * (max - min))
      const [from, to] =
        status === 'signed'
          ? [days(1, 200), days(800, 2000)]
          : status === 'active'
            ? [days(-1500, 0), days(200, 1800)]
            : status === 'expiring'
              ? [days(-1500, -200), days(0, 180)]
              : status === 'expired' || status === 'renewed'
                ? [days(-2500, -800), days(-700, -1)]
                : [days(-300, 300), days(400, 2000)]
      const reference = `GEN-${String(j).padStart(6, '0')}`
      const title = `${pick(['Exchange in', 'Clinical electives in', 'Research in', 'Staff mobility in'])} ${pick(['medicine', 'dentistry', 'nursing', 'pharmacy', 'public health'])} ${j}`
      agreements.push({
        reference,
        title,
        kind: pick(AGREEMENT_KINDS),
        status,
        start_date: addDays(today, from),
        end_date: addDays(today, to),
        termination_reason: null as string | null,
        ...(() => {
          const condition = { mobility_type: pick(MOBILITY_TYPES), isced: pick(ISCED), places: 1 + Math.floor(rnd() * 5) }
          conditions.push(condition)
          return derivedColumns(
            { reference, title },
            [homeParty, parties.get(partner)!],
            [{ ...condition, subject_areas: [{ isced: condition.isced }], mobilities_per_year: condition.places }],
          )
        })(),
      })
    }
    for (const a of agreements) if (a.status === 'terminated') a.termination_reason = 'generated'
    const inserted = await db.insertInto('agreements').values(agreements).returning('id').execute()
    await db
      .insertInto('agreement_parties')
      .values(
        inserted.flatMap((a, k) => [
          { agreement_id: a.id, institution_id: home.id, position: 0 },
          { agreement_id: a.id, institution_id: partners[k]!, position: 1 },
        ]),
      )
      .execute()
    // A network in its steady state: the reminders due so far have gone out.
    const expiring = inserted.filter((_, k) => agreements[k]!.status === 'expiring')
    if (expiring.length) {
      await db
        .insertInto('agreement_reminders')
        .values(
          expiring.flatMap((a) => {
            const end = agreements[inserted.indexOf(a)]!.end_date
            return [180, 90, 30].map((d) => ({ agreement_id: a.id, end_date: end, days: d }))
          }),
        )
        .execute()
    }
    await db
      .insertInto('agreement_conditions')
      .values(
        inserted.map((a, k) => ({
          agreement_id: a.id,
          mobility_type: conditions[k]!.mobility_type,
          sending_institution_id: home.id,
          receiving_institution_id: partners[k]!,
          academic_year_from: '2025/2026',
          academic_year_to: '2029/2030',
          mobilities_per_year: conditions[k]!.places,
          subject_areas: JSON.stringify([{ isced: conditions[k]!.isced, clarification: null }]),
          language_skills: JSON.stringify([]),
        })),
      )
      .execute()
  }
  // The steady state of a live database, where autovacuum has run: statistics and GIN pending lists up to date.
  await sql`vacuum analyze`.execute(db)
  return ids
}
