import { type Kysely, sql, type Updateable } from 'kysely'
import { containsPattern } from '../../../db/like.js'
import type { DB, UserRow } from '../../../db/schema.js'
import { iso } from '../../../http/types.js'
import type { UserDto } from './users.schema.js'

type UserWithScope = UserRow & { org_unit_name: string | null; institution_name: string | null }

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .leftJoin('institutions as i', 'i.id', 'u.institution_id')
    .selectAll('u')
    .select(['o.name as org_unit_name', 'i.name as institution_name'])
}

export function presentUser(row: UserWithScope): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    locale: row.locale,
    active: row.active,
    dailyDigest: row.daily_digest,
    lastSignInAt: iso(row.last_sign_in_at),
    createdAt: iso(row.created_at) as string,
  }
}

export function findUser(db: Kysely<DB>, id: string) {
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst()
}

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export async function listUsers(
  db: Kysely<DB>,
  f: { q?: string; role?: UserRow['role']; active?: boolean; page: number; pageSize: number },
) {
  let q = baseQuery(db)
  if (f.q) {
    const like = containsPattern(f.q)
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', like), eb('u.name', 'ilike', like)]))
  }
  if (f.role) q = q.where('u.role', '=', f.role)
  if (f.active !== undefined) q = q.where('u.active', '=', f.active)
  const [rows, count] = await Promise.all([
    q
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow()
  return r.n
}

export async function updateUserRow(trx: Kysely<DB>, id: string, values: Updateable<DB['users']>) {
  await trx.updateTable('users').set(values).where('id', '=', id).execute()
}

/** A unit and whether it belongs to the home institution. */
export function unitWithHome(db: Kysely<DB>, unitId: string) {
  return db
    .selectFrom('org_units as o')
    .innerJoin('institutions as i', 'i.id', 'o.institution_id')
    .select(['o.id', 'i.is_home'])
    .where('o.id', '=', unitId)
    .executeTakeFirst()
}

export function institutionKind(db: Kysely<DB>, institutionId: string) {
  return db.selectFrom('institutions').select(['id', 'is_home']).where('id', '=', institutionId).executeTakeFirst()
}
