import { z } from 'zod'
import type { Deps } from '../../deps.js'
import { type Ctx, ctxOf } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { SignedIn } from '../../http/policy.js'
import { type App, IdParams, IsoDateTime, iso } from '../../http/types.js'
import { recordAudit } from '../audit/audit.record.js'
import { API_TOKEN_PREFIX } from '../auth/auth.service.js'
import { hashToken, newToken } from '../auth/tokens.js'

const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiToken' })
const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .strict()

/** Personal API tokens for integrations: shown once, stored hashed, revocable by their owner. */
export function tokensRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/me/tokens',
    {
      config: { policy: SignedIn },
      schema: { tags: ['account'], summary: 'My API tokens', response: { 200: z.array(ApiTokenSchema) } },
    },
    async (request) => {
      const rows = await deps.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', request.auth!.actor.id)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        createdAt: iso(r.created_at) as string,
        lastUsedAt: iso(r.last_used_at),
        expiresAt: iso(r.expires_at),
      }))
    },
  )

  app.post(
    '/api/me/tokens',
    {
      config: { policy: SignedIn },
      schema: {
        tags: ['account'],
        summary: 'Create an API token; its value is shown only in this response',
        body: CreateTokenBody,
        response: { 201: ApiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request)
      const token = newToken(API_TOKEN_PREFIX)
      const expiresAt = request.body.expiresInDays ? new Date(Date.now() + request.body.expiresInDays * 86_400_000) : null
      const row = await deps.db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('api_tokens')
          .values({
            user_id: ctx.actor!.id,
            name: request.body.name,
            token_hash: hashToken(token),
            prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
            expires_at: expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await recordAudit(trx, ctx, {
          entityType: 'api_token',
          entityId: r.id,
          action: 'create',
          after: { name: r.name, prefix: r.prefix, expires_at: r.expires_at },
        })
        return r
      })
      return reply.status(201).send({
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        createdAt: iso(row.created_at) as string,
        lastUsedAt: null,
        expiresAt: iso(row.expires_at),
        token,
      })
    },
  )

  app.delete(
    '/api/me/tokens/:id',
    { config: { policy: SignedIn }, schema: { tags: ['account'], summary: 'Revoke one of my API tokens', params: IdParams } },
    async (request, reply) => {
      await revokeToken(deps, ctxOf(request), request.params.id)
      return reply.status(204).send()
    },
  )
}

async function revokeToken(deps: Deps, ctx: Ctx, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // Only the owner's own tokens: someone else's id is "not found", not "forbidden".
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', ctx.actor!.id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'prefix'])
      .executeTakeFirst()
    if (!row) throw AppError.notFound('The API token')
    await recordAudit(trx, ctx, { entityType: 'api_token', entityId: id, action: 'revoke', before: row })
  })
}
