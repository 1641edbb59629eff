import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Authentication, Credentials, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'
import { notify } from '../../comms/notifications/notify.js'
import { hashPassword, verifyPassword } from './password.js'
import { sessionCache } from './session-cache.js'
import {
  type AttemptRecord,
  accountByEmail,
  credentialsOf,
  deleteSession,
  deleteSessionsOf,
  findLiveApiToken,
  findLiveSession,
  insertPasswordReset,
  insertSession,
  passwordHashOf,
  recentResets,
  recordAttempt,
  revokeTokensOf,
  setPasswordHash,
  spendPasswordReset,
  toActor,
  touchApiToken,
  touchSession,
} from './sessions.repository.js'
import { reserveGuess, settleGuess } from './throttle.js'
import { emailFingerprint, hashToken, newToken } from './tokens.js'

export const API_TOKEN_PREFIX = 'mrd_'
/** Password-reset requests counted per account and per address within this window. */
const RESET_WINDOW_MINUTES = 15
const MAX_RESETS = 5
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
  const user = await credentialsOf(deps.db, email)
  const guess = await reserveGuess(deps.db, { emailHash, ip: input.ip, userId: user?.id ?? null }, deps.clock.now())
  if (!guess.ok) {
    await logRefusedAttempt(deps, { kind: 'sign_in', emailHash, userId: user?.id ?? null, ip: input.ip, outcome: 'rate_limited' })
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: guess.retryAfterSeconds }
  }
  // The password is verified even for unknown or inactive accounts, so timing tells nothing.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password)
  if (!user?.active || !passwordOk) {
    const outcome = !user ? 'unknown_account' : !user.active ? 'inactive_account' : 'bad_password'
    await settleGuess(deps.db, guess.attemptId, outcome, user?.id ?? null)
    logRefusal(deps, { kind: 'sign_in', emailHash, userId: user?.id ?? null, ip: input.ip, outcome })
    return { ok: false, reason: 'invalid' }
  }
  const session = await deps.db.transaction().execute(async (trx) => {
    const started = await startSession(deps, trx, user.id, input.ip, input.userAgent)
    await settleGuess(trx, guess.attemptId, 'success', user.id)
    return started
  })
  deps.log.info({ event: 'auth.sign_in', outcome: 'success', account: user.id, address: input.ip }, 'sign-in')
  return { ok: true, ...session, userId: user.id }
}

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong-password' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

/**
 * The signed-in person's own password, asked again before something that outlives the session
 * (a new password, an API token). Guesses are slowed exactly as sign-ins are, and count with them.
 */
export async function checkOwnPassword(deps: Deps, ctx: Ctx, password: string): Promise<PasswordCheck> {
  const actor = ctx.actor
  if (!actor) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'Sign in first.')
  const emailHash = emailFingerprint(deps.env.sessionSecret, actor.email.toLowerCase())
  const guess = await reserveGuess(deps.db, { emailHash, ip: ctx.ip, userId: actor.id }, deps.clock.now())
  if (!guess.ok) return { ok: false, reason: 'rate-limited', retryAfterSeconds: guess.retryAfterSeconds }
  const ok = await verifyPassword(await passwordHashOf(deps.db, actor.id), password)
  await settleGuess(deps.db, guess.attemptId, ok ? 'confirmed' : 'bad_password', actor.id)
  return ok ? { ok: true } : { ok: false, reason: 'wrong-password' }
}

/** checkOwnPassword as a refusal: 400 at `field`, or 429 with the wait. */
export async function confirmPassword(deps: Deps, ctx: Ctx, password: string, field = 'body.password'): Promise<void> {
  const check = await checkOwnPassword(deps, ctx, password)
  if (check.ok) return
  if (check.reason === 'rate-limited')
    throw new AppError(AppErrorCode.RATE_LIMITED, 'Too many wrong passwords. Wait a moment and try again.', {
      retryAfterSeconds: check.retryAfterSeconds,
    })
  throw AppError.validation(field, 'is not your current password')
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
  const now = deps.clock.now()
  await insertSession(trx, {
    token_hash: hashToken(token),
    user_id: userId,
    csrf_token: csrfToken,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + deps.env.SESSION_MAX_HOURS * 3_600_000),
    ip,
    user_agent: userAgent?.slice(0, 300) ?? null,
  })
  return { token, csrfToken }
}

/** A refused attempt: recorded in the sign-in log and logged. */
async function logRefusedAttempt(deps: Deps, a: AttemptRecord): Promise<void> {
  await recordAttempt(deps.db, a)
  logRefusal(deps, a)
}

function logRefusal(deps: Deps, a: AttemptRecord): void {
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
export async function authenticate(deps: Deps, credentials: Credentials): Promise<Authentication | null> {
  const now = deps.clock.now()
  if (credentials.bearer) {
    if (!credentials.bearer.startsWith(API_TOKEN_PREFIX)) return null
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
  await deleteSession(deps.db, sessionId)
  sessionCache.forgetSession(sessionId)
}

/**
 * Always answers the same way and in the same time, whether or not the address has an account:
 * the caller answers at once and the work is done after (`deferPasswordReset`); mail goes only to
 * an active account. Requests are limited per account and per address.
 */
export function deferPasswordReset(deps: Deps, ctx: Ctx, rawEmail: string): Promise<void> {
  const work = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => requestPasswordReset(deps, ctx, rawEmail))
    .catch((error: unknown) => deps.log.error({ err: error, event: 'auth.password_reset' }, 'password reset request failed'))
  pendingResets.add(work)
  void work.finally(() => pendingResets.delete(work))
  return work
}
const pendingResets = new Set<Promise<void>>()
/** Resolves when the reset requests already made are done (tests, shutdown). */
export async function settlePasswordResets(): Promise<void> {
  await Promise.all([...pendingResets])
}

export async function requestPasswordReset(deps: Deps, ctx: Ctx, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase()
  const emailHash = emailFingerprint(deps.env.sessionSecret, email)
  const since = new Date(Date.now() - RESET_WINDOW_MINUTES * 60_000)
  const recent = await recentResets(deps.db, emailHash, ctx.ip, since)
  const user = await accountByEmail(deps.db, email)
  if (recent >= MAX_RESETS) {
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
    await insertPasswordReset(trx, {
      user_id: user.id,
      token_hash: hashToken(token),
      expires_at: new Date(deps.clock.now().getTime() + RESET_TOKEN_MINUTES * 60_000),
    })
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

/** Sets the new password, spends the token, and ends every session and API token of the account. */
export async function resetPassword(deps: Deps, ctx: Ctx, token: string, password: string): Promise<ResetResult> {
  const passwordHash = await hashPassword(password)
  const result = await deps.db.transaction().execute(async (trx) => {
    const reset = await spendPasswordReset(trx, hashToken(token), deps.clock.now())
    if (!reset) return { ok: false, reason: 'invalid-token' } as const
    await setPasswordHash(trx, reset.user_id, passwordHash)
    await deleteSessionsOf(trx, reset.user_id)
    const tokensRevoked = await revokeTokensOf(trx, reset.user_id)
    await recordAudit(trx, ctx, {
      entityType: 'user',
      entityId: reset.user_id,
      action: 'password_reset',
      after: { tokensRevoked },
    })
    return { ok: true, userId: reset.user_id } as const
  })
  if (!result.ok) return result
  sessionCache.forgetUser(result.userId)
  return { ok: true }
}

export type ChangePasswordResult = PasswordCheck

export async function changePassword(
  deps: Deps,
  ctx: Ctx & { sessionId: string | null },
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  const userId = ctx.actor?.id
  if (!userId) throw new Error('changePassword needs a signed-in actor')
  const check = await checkOwnPassword(deps, ctx, current)
  if (!check.ok) return check
  const passwordHash = await hashPassword(next)
  await deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash)
    // Other sessions and every API token end: a changed password is often a response to a leaked one.
    await deleteSessionsOf(trx, userId, ctx.sessionId ?? undefined)
    const tokensRevoked = await revokeTokensOf(trx, userId)
    await recordAudit(trx, ctx, { entityType: 'user', entityId: userId, action: 'password_changed', after: { tokensRevoked } })
  })
  sessionCache.forgetUser(userId)
  return { ok: true }
}
