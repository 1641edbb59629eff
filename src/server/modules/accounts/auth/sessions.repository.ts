import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'

const actorColumns = ['u.id', 'u.email', 'u.name', 'u.role', 'u.org_unit_id', 'u.institution_id', 'u.locale'] as const

type ActorRow = {
  id: string
  email: string
  name: string
  role: Actor['role']
  org_unit_id: string | null
  institution_id: string | null
  locale: string
}

export function toActor(row: ActorRow): Actor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgUnitId: row.org_unit_id,
    institutionId: row.institution_id,
    locale: row.locale,
  }
}

/** One query per request: the session, its user, and whether both are still good. */
export function findLiveSession(db: Kysely<DB>, tokenHash: string, idleSince: Date, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([...actorColumns, 's.id as session_id', 's.csrf_token', 's.last_seen_at', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .where('u.active', '=', true)
    .executeTakeFirst()
}

export function findLiveApiToken(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([...actorColumns, 't.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst()
}

export async function touchSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute()
}

export async function touchApiToken(db: Kysely<DB>, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute()
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId)
  await q.execute()
}

/** Revokes every live API token of an account (a changed or reset password); returns how many. */
export async function revokeTokensOf(db: Kysely<DB>, userId: string): Promise<number> {
  const revoked = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute()
  return revoked.length
}

export interface AttemptRecord {
  kind: 'sign_in' | 'password_reset'
  emailHash: string
  userId: string | null
  ip: string
  outcome: string
}

/** The sign-in log, also the source of the rate limits. Takes a transaction when it has one. */
export async function recordAttempt(db: Kysely<DB>, a: AttemptRecord): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ kind: a.kind, email_hash: a.emailHash, user_id: a.userId, ip: a.ip, outcome: a.outcome })
    .execute()
}
