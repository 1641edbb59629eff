import { type Kysely, sql } from 'kysely'
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

/** What signing in reads of an account: its password hash and whether it is active. */
export function credentialsOf(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').select(['id', 'email', 'password_hash', 'active']).where('email', '=', email).executeTakeFirst()
}

export async function passwordHashOf(db: Kysely<DB>, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash
}

export async function insertSession(
  trx: Kysely<DB>,
  values: {
    token_hash: string
    user_id: string
    csrf_token: string
    last_seen_at: Date
    expires_at: Date
    ip: string
    user_agent: string | null
  },
) {
  await trx.insertInto('sessions').values(values).execute()
  await trx.updateTable('users').set({ last_sign_in_at: values.last_seen_at }).where('id', '=', values.user_id).execute()
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

/** Password resets asked (and not refused for the rate) since then, for this address or from this network address. */
export async function recentResets(db: Kysely<DB>, emailHash: string, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kind', '=', 'password_reset')
    .where('outcome', '<>', 'rate_limited')
    .where('occurred_at', '>', since)
    .where((eb) => eb.or([eb('email_hash', '=', emailHash), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow()
  return row.n
}

export function accountByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').select(['id', 'name', 'active']).where('email', '=', email).executeTakeFirst()
}

export async function insertPasswordReset(trx: Kysely<DB>, values: { user_id: string; token_hash: string; expires_at: Date }) {
  await trx.insertInto('password_resets').values(values).execute()
}

/** Spends a reset token still good at `now`; whose it was, if it was. */
export async function spendPasswordReset(trx: Kysely<DB>, tokenHash: string, now: Date) {
  return trx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst()
}

export async function setPasswordHash(trx: Kysely<DB>, userId: string, passwordHash: string) {
  await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute()
}

/** A sign-in attempt reserved before the password is checked, counted as a failure until settled; its id. */
export async function insertPendingAttempt(
  trx: Kysely<DB>,
  a: { emailHash: string; ip: string; userId: string | null; at: Date },
): Promise<string> {
  const row = await trx
    .insertInto('sign_in_attempts')
    .values({ kind: 'sign_in', email_hash: a.emailHash, user_id: a.userId, ip: a.ip, outcome: 'pending', occurred_at: a.at })
    .returning(sql<string>`id::text`.as('id'))
    .executeTakeFirstOrThrow()
  return row.id
}

/** Writes the outcome of a reserved attempt. */
export async function settleAttempt(db: Kysely<DB>, attemptId: string, outcome: string, userId: string | null) {
  await db
    .updateTable('sign_in_attempts')
    .set({ outcome, user_id: userId })
    .where(sql`id`, '=', sql`${attemptId}::bigint`)
    .execute()
}

/** Takes the sign-in locks of an account and of an address, in that order (every caller does, so none deadlock). */
export async function lockSignInKeys(trx: Kysely<DB>, emailHash: string, ip: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in account ${emailHash}`}, 0))`.execute(trx)
  await sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in address ${ip}`}, 0))`.execute(trx)
}

/**
 * The failed (or still pending) sign-ins since then for this account from this address, for the
 * account, and from the address, each with the latest; and whether this account has signed in from
 * this address before.
 */
export async function failedAttempts(
  trx: Kysely<DB>,
  a: { emailHash: string; ip: string },
  at: { since: Date; pendingSince: Date; knownSince: Date },
) {
  const { rows } = await sql<{
    pair: number
    pair_last: Date | null
    account: number
    account_last: Date | null
    address: number
    address_last: Date | null
    known: boolean
  }>`
    with failed as (
      select email_hash, ip, occurred_at from sign_in_attempts
      where kind = 'sign_in' and occurred_at > ${at.since}
        and (email_hash = ${a.emailHash} or ip = ${a.ip})
        and (outcome in ('bad_password', 'unknown_account', 'inactive_account')
             or (outcome = 'pending' and occurred_at > ${at.pendingSince}))
    )
    select
      count(*) filter (where email_hash = ${a.emailHash} and ip = ${a.ip})::int as pair,
      max(occurred_at) filter (where email_hash = ${a.emailHash} and ip = ${a.ip}) as pair_last,
      count(*) filter (where email_hash = ${a.emailHash})::int as account,
      max(occurred_at) filter (where email_hash = ${a.emailHash}) as account_last,
      count(*) filter (where ip = ${a.ip})::int as address,
      max(occurred_at) filter (where ip = ${a.ip}) as address_last,
      exists (
        select 1 from sign_in_attempts
        where email_hash = ${a.emailHash} and ip = ${a.ip} and kind = 'sign_in' and outcome = 'success'
          and occurred_at > ${at.knownSince}
      ) as known
    from failed`.execute(trx)
  return rows[0]!
}
