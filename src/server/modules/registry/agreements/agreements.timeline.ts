import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { loadAgreement } from './agreements.service.js'
import { insertComment, timelineRows } from './timeline.repository.js'

export async function addComment(deps: Deps, ctx: Ctx, id: string, body: string) {
  return deps.db.transaction().execute(async (trx) => {
    await loadAgreement(trx, ctx.actor!, id)
    const row = await insertComment(trx, { agreement_id: id, author_id: ctx.actor?.id ?? null, body })
    await recordAudit(trx, ctx, { entityType: 'agreement', entityId: id, action: 'comment', after: { commentId: row.id, body } })
  })
}

/** Changes (from the audit trail) and comments, newest first. */
export async function timeline(deps: Deps, actor: Actor, id: string) {
  await loadAgreement(deps.db, actor, id)
  const { events, comments } = await timelineRows(deps.db, id)
  const entries = [
    ...events.map((e) => ({
      at: iso(e.occurred_at) as string,
      kind: 'change' as const,
      actor: e.name ?? (e.actor_label === 'agreements-daily' ? 'Meridian' : e.actor_label),
      action: e.action,
      changes: changedKeys(e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null),
      body:
        e.action === 'terminate' ? (((e.after as Record<string, unknown> | null)?.terminationReason as string) ?? null) : null,
    })),
    ...comments.map((c) => ({
      at: iso(c.created_at) as string,
      kind: 'comment' as const,
      actor: c.name ?? 'unknown',
      action: null,
      changes: [],
      body: c.body,
    })),
  ]
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return []
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}
