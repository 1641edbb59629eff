import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Authentication, Ctx } from '../../http/context.js'
import { recordAudit } from '../audit/audit.record.js'
import { notify } from '../notifications/notify.js'
import { hashPassword, verifyPassword } from './password.js'
import { sessionCache } from './session-cache.js'
import {
  type AttemptRecord,
  deleteSessionsOf,
  findLiveApiToken,
  findLiveSession,
  recordAttempt,
  toActor,
  touchApiToken,
  touchSession,
} from './sessions.repository.js'
import { emailFingerprint, hashToken, newToken } from './tokens.js'

export const API_TOKEN_PREFIX = 'mrd_'
/** Failed sign-ins counted per account and per address within this window. */
export const ATTEMPT_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 30
const RESET_TOKEN_MINUTES = 60
/** Writing last_seen_at on every request would make every read a write. */
const TOUCH_EVERY_MS = 60_000

export type SignInResult =
  | { ok: true; token: string; csrfToken: string; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

export async function signIn(
  deps: Deps,
  input: { email: string; password: string; ip: string; userAgent: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  const emailHash = emailFingerprint(deps.env.sessionSecret, email)
  const limited = await rateLimit(deps, emailHash, input.ip)
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash', 'active'])
    .where('email', '=', email)
    .executeTakeFirst()
  if (limited) {
    await logRefusedAttempt(deps, { kind: 'sign_in', emailHash, userId: user?.id ?? null, ip: input.ip, outcome: 'rate_limited' })
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: limited }
  }
  // The password is verified even for unknown or inactive accounts, so timing tells nothing.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password)
  if (!user?.active || !passwordOk) {
    const outcome = !user ? 'unknown_account' : !user.active ? 'inactive_account' : 'bad_password'
    await logRefusedAttempt(deps, { kind: 'sign_in', emailHash, userId: user?.id ?? null, ip: input.ip, outcome })
    return { ok: false, reason: 'invalid' }
  }
  const session = await deps.db.transaction().execute(async (trx) => {
    const started = await startSession(deps, trx, user.id, input.ip, input.userAgent)
    await recordAttempt(trx, { kind: 'sign_in', emailHash, userId: user.id, ip: input.ip, outcome: 'success' })
    return started
  })
  deps.log.info({ event: 'auth.sign_in', outcome: 'success', account: user.id, address: input.ip }, 'sign-in')
  return { ok: true, ...session, userId: user.id }
}

/** A new server-side session; the caller sets the cookie with the returned token. */
export async function startSession(
  deps: Deps,
  trx: Kysely<DB>,
  userId: string,
  ip: string,
  userAgent: string | null,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken()
  const csrfToken = newToken()
  const now = new Date()
  await trx
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + deps.env.SESSION_MAX_HOURS * 3_600_000),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).execute()
  return { token, csrfToken }
}

/** Seconds to wait when the account or the address has failed too often lately, else 0. */
async function rateLimit(deps: Deps, emailHash: string, ip: string): Promise<number> {
  const since = new Date(Date.now() - ATTEMPT_WINDOW_MINUTES * 60_000)
  const failures = deps.db
    .selectFrom('sign_in_attempts')
    .where('kind', '=', 'sign_in')
    .where('outcome', '<>', 'success')
    .where('occurred_at', '>', since)
  const waits = await Promise.all([
    waitFor(failures.where('email_hash', '=', emailHash), MAX_FAILURES_PER_ACCOUNT),
    waitFor(failures.where('ip', '=', ip), MAX_FAILURES_PER_ADDRESS),
  ])
  return Math.max(...waits)
}

/**
 * Seconds until fewer than `limit` of these failures remain in the window: when the limit-th
 * newest falls out. 0 when there are fewer already.
 */
async function waitFor(failures: SelectQueryBuilder<DB, 'sign_in_attempts', object>, limit: number): Promise<number> {
  const row = await failures
    .select('occurred_at')
    .orderBy('occurred_at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst()
  if (!row) return 0
  const freeAt = new Date(row.occurred_at).getTime() + ATTEMPT_WINDOW_MINUTES * 60_000
  return Math.max(1, Math.ceil((freeAt - Date.now()) / 1000))
}

/** A refused attempt: recorded for the rate limits and logged. */
async function logRefusedAttempt(deps: Deps, a: AttemptRecord): Promise<void> {
  await recordAttempt(deps.db, a)
  // Account is an id, never the e-mail; the e-mail appears only as a keyed fingerprint.
  deps.log.warn(
    { event: `auth.${a.kind}`, outcome: a.outcome, account: a.userId, emailFingerprint: a.emailHash, address: a.ip },
    a.kind === 'sign_in' ? 'sign-in refused' : 'password reset refused',
  )
}

/**
 * Who is calling: a signed session cookie or a personal API token, still valid, of an active
 * account. `unsign` checks the cookie's signature; a cached session skips it, since the same
 * cookie value was verified when it was cached.
 */
export async function authenticate(
  deps: Deps,
  credentials: { sessionCookie?: string | null; unsign?: (raw: string) => string | null; bearer?: string | null },
): Promise<Authentication | null> {
  const now = new Date()
  if (credentials.bearer) {
    const row = await findLiveApiToken(deps.db, hashToken(credentials.bearer), now)
    if (!row) return null
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await touchApiToken(deps.db, row.token_id, now)
    }
    return { actor: toActor(row), via: 'token', sessionId: null, csrfToken: null }
  }
  const cookie = credentials.sessionCookie
  if (!cookie) return null
  const cached = sessionCache.get(cookie, now.getTime())
  if (cached) return cached
  const token = credentials.unsign ? credentials.unsign(cookie) : cookie
  if (!token) return null
  const idleSince = new Date(now.getTime() - deps.env.SESSION_IDLE_MINUTES * 60_000)
  const row = await findLiveSession(deps.db, hashToken(token), idleSince, now)
  if (!row) return null
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await touchSession(deps.db, row.session_id, now)
  }
  const auth: Authentication = { actor: toActor(row), via: 'session', sessionId: row.session_id, csrfToken: row.csrf_token }
  // Cached only well inside the idle and absolute limits, so the cache never outlives them.
  const expiresIn = Math.min(new Date(row.expires_at).getTime() - now.getTime(), deps.env.SESSION_IDLE_MINUTES * 60_000)
  if (expiresIn > 60_000) sessionCache.set(cookie, auth, now.getTime())
  return auth
}

export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute()
  sessionCache.forgetSession(sessionId)
}

/**
 * Always answers the same way, whether or not the address has an account; mail goes only
 * to an active account. Requests are limited per address like sign-in failures.
 */
export async function requestPasswordReset(deps: Deps, ctx: Ctx, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase()
  const emailHash = emailFingerprint(deps.env.sessionSecret, email)
  const since = new Date(Date.now() - ATTEMPT_WINDOW_MINUTES * 60_000)
  const recent = await deps.db
    .selectFrom('sign_in_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kind', '=', 'password_reset')
    .where('occurred_at', '>', since)
    .where((eb) => eb.or([eb('email_hash', '=', emailHash), eb('ip', '=', ctx.ip)]))
    .executeTakeFirstOrThrow()
  const user = await deps.db.selectFrom('users').select(['id', 'name', 'active']).where('email', '=', email).executeTakeFirst()
  if (recent.n >= MAX_FAILURES_PER_ACCOUNT) {
    await logRefusedAttempt(deps, {
      kind: 'password_reset',
      emailHash,
      userId: user?.id ?? null,
      ip: ctx.ip,
      outcome: 'rate_limited',
    })
    return
  }
  if (!user?.active) {
    await logRefusedAttempt(deps, { kind: 'password_reset', emailHash, userId: null, ip: ctx.ip, outcome: 'no_account' })
    return
  }
  const token = newToken()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_resets')
      .values({
        user_id: user.id,
        token_hash: hashToken(token),
        expires_at: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
      })
      .execute()
    await recordAttempt(trx, { kind: 'password_reset', emailHash, userId: user.id, ip: ctx.ip, outcome: 'sent' })
    await recordAudit(trx, ctx, { entityType: 'user', entityId: user.id, action: 'password_reset_requested' })
    await notify(trx, deps, {
      to: email,
      template: 'passwordReset',
      url: `${deps.env.publicUrl}/reset-password#token=${token}`,
      inApp: false,
      vars: { minutes: RESET_TOKEN_MINUTES },
    })
  })
  deps.log.info({ event: 'auth.password_reset', outcome: 'sent', account: user.id, address: ctx.ip }, 'password reset')
}

export type ResetResult = { ok: true } | { ok: false; reason: 'invalid-token' }

/** Sets the new password, spends the token and ends every session of the account. */
export async function resetPassword(deps: Deps, ctx: Ctx, token: string, password: string): Promise<ResetResult> {
  const passwordHash = await hashPassword(password)
  const result = await deps.db.transaction().execute(async (trx) => {
    const reset = await trx
      .updateTable('password_resets')
      .set({ used_at: new Date() })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['user_id'])
      .executeTakeFirst()
    if (!reset) return { ok: false, reason: 'invalid-token' } as const
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', reset.user_id)
      .execute()
    await deleteSessionsOf(trx, reset.user_id)
    await recordAudit(trx, ctx, { entityType: 'user', entityId: reset.user_id, action: 'password_reset' })
    return { ok: true, userId: reset.user_id } as const
  })
  if (!result.ok) return result
  sessionCache.forgetUser(result.userId)
  return { ok: true }
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong-password' }

export async function changePassword(
  deps: Deps,
  ctx: Ctx & { sessionId: string | null },
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const userId = ctx.actor?.id
  if (!userId) throw new Error('changePassword needs a signed-in actor')
  const user = await deps.db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, current))) return { ok: false, reason: 'wrong-password' }
  const passwordHash = await hashPassword(next)
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute()
    // Other sessions end: a changed password is often a response to a leaked one.
    await deleteSessionsOf(trx, userId, ctx.sessionId ?? undefined)
    await recordAudit(trx, ctx, { entityType: 'user', entityId: userId, action: 'password_changed' })
  })
  sessionCache.forgetUser(userId)
  return { ok: true }
}
