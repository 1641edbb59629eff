import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'

// An agreement's comments and its timeline (agreements.timeline.ts).

export function insertComment(trx: Kysely<DB>, values: { agreement_id: string; author_id: string | null; body: string }) {
  return trx.insertInto('agreement_comments').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow()
}

/** An agreement's changes from the audit trail and its comments, newest first (the last 500 of each). */
export async function timelineRows(db: Kysely<DB>, id: string) {
  const [events, comments] = await Promise.all([
    db
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.occurred_at', 'e.action', 'e.before', 'e.after', 'e.actor_label', 'u.name'])
      .where('e.entity_type', '=', 'agreement')
      .where('e.entity_id', '=', id)
      .where('e.action', '<>', 'comment')
      .orderBy('e.id', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('agreement_comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.created_at', 'c.body', 'u.name'])
      .where('c.agreement_id', '=', id)
      .orderBy('c.created_at', 'desc')
      .limit(500)
      .execute(),
  ])
  return { events, comments }
}
