import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { API_TOKEN_PREFIX, confirmPassword } from '../auth/auth.service.js'
import { hashToken, newToken } from '../auth/tokens.js'
import { insertToken, liveTokensOf, lockOwnToken, revokeOwnToken, setTokenExpiry } from './tokens.repository.js'
import type { ApiTokenDto } from './tokens.schema.js'

function ownerOf(ctx: Ctx): string {
  if (!ctx.actor) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'Sign in first.')
  return ctx.actor.id
}

export async function listMyTokens(deps: Deps, ctx: Ctx): Promise<ApiTokenDto[]> {
  const rows = await liveTokensOf(deps.db, ownerOf(ctx))
  return rows.map(present)
}

function present(r: {
  id: string
  name: string
  prefix: string
  created_at: Date | string
  last_used_at: Date | string | null
  expires_at: Date | string
}): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: iso(r.created_at) as string,
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at) as string,
  }
}

const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000)

/**
 * The token's value is returned here once; only its hash is kept. The password is asked again, so
 * a session left open (or taken) cannot mint a credential that outlives it.
 */
export async function createToken(
  deps: Deps,
  ctx: Ctx,
  input: { name: string; expiresInDays: number; password: string },
): Promise<ApiTokenDto & { token: string }> {
  const userId = ownerOf(ctx)
  await confirmPassword(deps, ctx, input.password)
  const token = newToken(API_TOKEN_PREFIX)
  const expiresAt = daysFrom(deps.clock.now(), input.expiresInDays)
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await insertToken(trx, {
      user_id: userId,
      name: input.name,
      token_hash: hashToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      expires_at: expiresAt,
    })
    await recordAudit(trx, ctx, {
      entityType: 'api_token',
      entityId: r.id,
      action: 'create',
      after: { name: r.name, prefix: r.prefix, expires_at: r.expires_at },
    })
    return r
  })
  return { ...present(row), token }
}

/** A live token of the owner's lives on for the days asked, from today; the password is asked again. */
export async function renewToken(
  deps: Deps,
  ctx: Ctx,
  id: string,
  input: { expiresInDays: number; password: string },
): Promise<ApiTokenDto> {
  const userId = ownerOf(ctx)
  await confirmPassword(deps, ctx, input.password)
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockOwnToken(trx, id, userId)
    if (!before) throw AppError.notFound('The API token')
    const row = await setTokenExpiry(trx, id, daysFrom(deps.clock.now(), input.expiresInDays))
    await recordAudit(trx, ctx, {
      entityType: 'api_token',
      entityId: id,
      action: 'renew',
      before: { expires_at: before.expires_at },
      after: { expires_at: row.expires_at },
    })
    return present(row)
  })
}

export async function revokeToken(deps: Deps, ctx: Ctx, id: string): Promise<void> {
  const userId = ownerOf(ctx)
  await deps.db.transaction().execute(async (trx) => {
    // Only the owner's own tokens: someone else's id is "not found", not "forbidden".
    const row = await revokeOwnToken(trx, id, userId)
    if (!row) throw AppError.notFound('The API token')
    await recordAudit(trx, ctx, { entityType: 'api_token', entityId: id, action: 'revoke', before: row })
  })
}
