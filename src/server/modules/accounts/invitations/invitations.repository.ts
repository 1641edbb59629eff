import type { Insertable, Kysely } from 'kysely'
import type { Role } from '../../../../shared/roles.js'
import type { DB } from '../../../db/schema.js'

// Every query of invitations; the rules are in invitations.service.ts.

/** Invitations neither accepted, revoked nor expired at `now`, with who invited; callers narrow it. */
export function pendingInvitations(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('invitations as v')
    .leftJoin('users as u', 'u.id', 'v.invited_by')
    .select([
      'v.id',
      'v.email',
      'v.name',
      'v.role',
      'v.org_unit_id',
      'v.institution_id',
      'v.expires_at',
      'v.created_at',
      'u.email as invited_by_email',
    ])
    .where('v.accepted_at', 'is', null)
    .where('v.revoked_at', 'is', null)
    .where('v.expires_at', '>', now)
}

export type PendingInvitationRow = Awaited<ReturnType<ReturnType<typeof pendingInvitations>['executeTakeFirstOrThrow']>>

/** The home institution's name, which invitations are sent in. */
export async function homeInstitutionName(db: Kysely<DB>): Promise<string | undefined> {
  return (await db.selectFrom('institutions').select('name').where('is_home', '=', true).executeTakeFirst())?.name
}

/** Revokes whatever invitations to this address are still open. */
export async function revokeOpenInvitations(trx: Kysely<DB>, email: string) {
  await trx
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
}

export async function insertInvitation(trx: Kysely<DB>, values: Insertable<DB['invitations']>): Promise<string> {
  return (await trx.insertInto('invitations').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function markInvitation(trx: Kysely<DB>, id: string, what: 'revoked_at' | 'accepted_at') {
  await trx
    .updateTable('invitations')
    .set({ [what]: new Date() })
    .where('id', '=', id)
    .execute()
}

/** The account an accepted invitation makes. */
export function insertUser(
  trx: Kysely<DB>,
  values: {
    email: string
    name: string
    role: Role
    org_unit_id: string | null
    institution_id: string | null
    password_hash: string
  },
) {
  return trx
    .insertInto('users')
    .values(values)
    .returning(['id', 'email', 'name', 'role', 'org_unit_id', 'institution_id'])
    .executeTakeFirstOrThrow()
}
