import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import type { Ctx } from '../http/context.js'

/** Fields that never enter the audit trail, whatever entity carries them. */
const SECRET_KEYS = new Set(['password_hash', 'passwordHash', 'token_hash', 'tokenHash', 'password', 'logo', 'csrf_token'])

export interface AuditEntry {
  entityType: string
  entityId: string
  action: string
  before?: object | null
  after?: object | null
}

/**
 * Records a write. Call it with the transaction of the write itself, so the record and the
 * change commit or roll back together.
 */
export async function recordAudit(trx: Kysely<DB>, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      actor_id: ctx.actor?.id ?? null,
      actor_label: ctx.actor ? ctx.actor.email : ctx.requestId.startsWith('req-') ? 'anonymous' : ctx.requestId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before: entry.before ? JSON.stringify(redact(entry.before)) : null,
      after: entry.after ? JSON.stringify(redact(entry.after)) : null,
      request_id: ctx.requestId,
    })
    .execute()
}

function redact(value: object): object {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) {
      if (v !== null && v !== undefined) out[key] = '[redacted]'
      continue
    }
    out[key] = v instanceof Buffer ? `[${v.length} bytes]` : v
  }
  return out
}
