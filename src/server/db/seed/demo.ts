import type { Insertable, Kysely } from 'kysely'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../../shared/demo.js'
import type { Role } from '../../../shared/roles.js'
import { systemCtx } from '../../http/context.js'
import { recordAudit } from '../../kernel/audit.js'
import { todayUtc } from '../../kernel/dates.js'
import { hashPassword } from '../../modules/accounts/auth/password.js'
import { indexColumns } from '../../modules/registry/institutions/institutions.repository.js'
import type { DB, InstitutionTable } from '../schema.js'
import { seedHistory } from './history.js'
import { seedNetwork } from './network.js'

export { DEMO_DOMAIN, DEMO_PASSWORD }

const HOME: Insertable<InstitutionTable> = {
  name: 'Meridian State Medical University',
  kind: 'university',
  country: 'KZ',
  city: 'Almaty',
  website: 'https://demo.meridian.test',
  schac_id: 'demo.meridian.test',
  is_home: true,
  languages: ['en', 'ru', 'pt', 'ko', 'mn'],
  default_language: 'en',
}

/** Real partners from the field; identifiers are the institutions' own. */
const PARTNERS: Insertable<InstitutionTable>[] = [
  {
    name: 'University of Minho',
    kind: 'university',
    country: 'PT',
    city: 'Braga',
    website: 'https://www.uminho.pt',
    erasmus_code: 'P  BRAGA01',
    schac_id: 'uminho.pt',
    ror_id: '037wpkx04',
  },
  {
    name: 'University of Évora',
    kind: 'university',
    country: 'PT',
    city: 'Évora',
    website: 'https://www.uevora.pt',
    erasmus_code: 'P  EVORA01',
    schac_id: 'uevora.pt',
    ror_id: '02gyps716',
  },
  {
    name: 'Seoul National University',
    kind: 'university',
    country: 'KR',
    city: 'Seoul',
    website: 'https://www.snu.ac.kr',
    schac_id: 'snu.ac.kr',
    ror_id: '04h9pn542',
  },
  {
    name: 'Mongolian National University of Medical Sciences',
    kind: 'university',
    country: 'MN',
    city: 'Ulaanbaatar',
    website: 'https://mnums.edu.mn',
    schac_id: 'mnums.edu.mn',
  },
  {
    name: 'Sechenov University',
    kind: 'university',
    country: 'RU',
    city: 'Moscow',
    website: 'https://www.sechenov.ru',
    schac_id: 'sechenov.ru',
    ror_id: '02yqqv993',
  },
  {
    name: 'World Health Organization',
    kind: 'international_organisation',
    country: 'CH',
    city: 'Geneva',
    website: 'https://www.who.int',
    ror_id: '01f80g185',
  },
  {
    name: 'Charité – Universitätsmedizin Berlin',
    kind: 'hospital',
    country: 'DE',
    city: 'Berlin',
    website: 'https://www.charite.de',
    ror_id: '001w7jn25',
  },
  {
    name: 'Karolinska Institutet',
    kind: 'university',
    country: 'SE',
    city: 'Stockholm',
    website: 'https://ki.se',
    schac_id: 'ki.se',
    ror_id: '056d84691',
  },
]

const UNITS = [
  { name: 'Faculty of General Medicine', code: 'MED' },
  { name: 'Faculty of Dentistry', code: 'DENT' },
  { name: 'Faculty of Pharmacy', code: 'PHARM' },
  { name: 'Faculty of Nursing', code: 'NURS' },
  { name: 'School of Public Health', code: 'SPH' },
]

const USERS: { role: Role; name: string; unit?: string; partner?: string; locale?: string }[] = [
  { role: 'admin', name: 'Aigerim Sultanova' },
  { role: 'officer', name: 'Daniyar Akhmetov' },
  { role: 'coordinator', name: 'Elena Kim', unit: 'MED' },
  { role: 'reviewer', name: 'Prof. Marat Ospanov' },
  { role: 'student', name: 'Aruzhan Bekova' },
  { role: 'staff', name: 'Dr. Sergei Volkov', locale: 'ru' },
  { role: 'partner', name: 'Ana Ribeiro', partner: 'University of Minho', locale: 'pt' },
]

export const demoEmail = (role: Role) => `${role}@${DEMO_DOMAIN}`

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  return !row
}

/**
 * The demo office: a home institution, its faculties, real partners, and one user per role; with
 * `history`, also three past years of rounds that ran their course (`seed/history.ts`), which the
 * app's first start adds and the suites, counting what they make themselves, leave out.
 */
export async function seedDemo(db: Kysely<DB>, options: { history?: boolean } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const ctx = systemCtx('seed')
  await db.transaction().execute(async (trx) => {
    const indexed = (i: Insertable<InstitutionTable>) => ({ ...i, ...indexColumns(i) })
    const home = await trx.insertInto('institutions').values(indexed(HOME)).returning(['id', 'name']).executeTakeFirstOrThrow()
    const partners = await trx.insertInto('institutions').values(PARTNERS.map(indexed)).returning(['id', 'name']).execute()
    const units = await trx
      .insertInto('org_units')
      .values(UNITS.map((u) => ({ ...u, institution_id: home.id })))
      .returning(['id', 'code'])
      .execute()
    for (const inst of [home, ...partners]) {
      await recordAudit(trx, ctx, { entityType: 'institution', entityId: inst.id, action: 'create', after: inst })
    }
    const users = await trx
      .insertInto('users')
      .values(
        USERS.map((u) => ({
          email: demoEmail(u.role),
          name: u.name,
          role: u.role,
          org_unit_id: u.unit ? (units.find((x) => x.code === u.unit)?.id ?? null) : null,
          institution_id: u.partner ? (partners.find((p) => p.name === u.partner)?.id ?? null) : null,
          locale: u.locale ?? 'en',
          password_hash: passwordHash,
        })),
      )
      .returning(['id', 'email', 'role'])
      .execute()
    for (const user of users) {
      await recordAudit(trx, ctx, { entityType: 'user', entityId: user.id, action: 'create', after: user })
    }
  })
  await seedNetwork(db)
  if (options.history) await seedHistory(db, todayUtc())
}
