import { type Kysely, sql } from 'kysely'
import { containsPattern } from '../../../db/like.js'
import type { AuditEventRow, DB } from '../../../db/schema.js'

export interface AuditFilter {
  entityType?: string
  entityId?: string
  action?: string
  actor?: string
  from?: Date
  to?: Date
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_events')
  if (f.entityType) q = q.where('entity_type', '=', f.entityType)
  if (f.entityId) q = q.where('entity_id', '=', f.entityId)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.actor) q = q.where('actor_label', 'ilike', containsPattern(f.actor))
  if (f.from) q = q.where('occurred_at', '>=', f.from)
  if (f.to) q = q.where('occurred_at', '<', f.to)
  return q
}

export async function listAuditEvents(db: Kysely<DB>, f: AuditFilter, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

/** Streams the filtered trail in pages, newest first, for the CSV export. */
export async function* allAuditEvents(db: Kysely<DB>, f: AuditFilter, batch = 1000): AsyncGenerator<AuditEventRow[]> {
  let cursor: { at: Date; id: string } | null = null
  for (;;) {
    let q = filtered(db, f).selectAll()
    if (cursor) {
      const c = cursor
      q = q.where((eb) => eb.or([eb('occurred_at', '<', c.at), eb.and([eb('occurred_at', '=', c.at), eb('id', '<', c.id)])]))
    }
    const rows = await q.orderBy('occurred_at', 'desc').orderBy(sql`id::bigint`, 'desc').limit(batch).execute()
    if (rows.length === 0) return
    yield rows
    const last = rows[rows.length - 1]!
    cursor = { at: last.occurred_at, id: last.id }
    if (rows.length < batch) return
  }
}

export async function distinctAuditValues(db: Kysely<DB>) {
  const [types, actions] = await Promise.all([
    db.selectFrom('audit_events').select('entity_type').distinct().orderBy('entity_type').execute(),
    db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute(),
  ])
  return { entityTypes: types.map((r) => r.entity_type), actions: actions.map((r) => r.action) }
}
