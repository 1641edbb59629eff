import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'

// Every query of personal API tokens; the rules are in tokens.service.ts.

/** A person's live tokens, newest first. */
export function liveTokensOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute()
}

export function insertToken(
  trx: Kysely<DB>,
  values: { user_id: string; name: string; token_hash: string; prefix: string; expires_at: Date },
) {
  return trx.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow()
}

/** One of the person's live tokens, locked. */
export function lockOwnToken(trx: Kysely<DB>, id: string, userId: string) {
  return trx
    .selectFrom('api_tokens')
    .select(['expires_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export function setTokenExpiry(trx: Kysely<DB>, id: string, expiresAt: Date) {
  return trx
    .updateTable('api_tokens')
    .set({ expires_at: expiresAt })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Revokes one of the person's live tokens; what it was, if it was theirs and live. */
export function revokeOwnToken(trx: Kysely<DB>, id: string, userId: string) {
  return trx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'prefix'])
    .executeTakeFirst()
}
