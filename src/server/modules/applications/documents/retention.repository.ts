import { type Kysely, sql } from 'kysely'
import { LEFT, SPECIAL_CATEGORY_KINDS } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'

// Every query of the retention of special-category documents; the job and its settings are in
// retention.ts (decision 027).

/**
 * The day an application's mobility ended, for retention: the last day of the stay (from the host's
 * transcript); the day the application ended without a stay (declined, withdrawn, refused by the
 * host); otherwise, for one that never became a mobility, the end of its call's academic year
 * (31 August). Null while the person is abroad or their mobility may still happen.
 */
export const endedOn = sql<string | null>`case
  when m.id is not null then m.left_on
  when a.status in (${sql.join(LEFT)}) then coalesce(a.withdrawn_at, a.host_decided_at, a.updated_at)::date
  when a.status in ('nominated', 'host_accepted') then null
  else (split_part(c.academic_year, '/', 2) || '-08-31')::date
end`

/** Applications with what `endedOn` reads: their call and their mobility. */
function applicationsWithEnd(db: Kysely<DB>) {
  return db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
}

/** The special-category documents of applications, with what `endedOn` reads. */
function specialDocuments(db: Kysely<DB>) {
  return applicationsWithEnd(db)
    .innerJoin('documents as d', 'd.application_id', 'a.id')
    .where('d.kind', 'in', SPECIAL_CATEGORY_KINDS)
}

/** A batch of the special-category documents whose mobility ended before `before`, oldest first, locked; others skip them. */
export function expiredBatch(trx: Kysely<DB>, before: string, limit: number) {
  return specialDocuments(trx)
    .where(endedOn, '<', before)
    .select(['d.id', 'd.owner_id', 'd.application_id', 'd.kind', 'd.file_name', 'd.sha256', endedOn.as('ended_on')])
    .orderBy('d.created_at')
    .limit(limit)
    .forUpdate('d')
    .skipLocked()
    .execute()
}

/** Deletes documents under retention, each deletion written to the access log with no person behind it. */
export async function deleteUnderRetention(trx: Kysely<DB>, docs: { id: string; owner_id: string }[]) {
  await trx
    .deleteFrom('documents')
    .where(
      'id',
      'in',
      docs.map((d) => d.id),
    )
    .execute()
  await trx
    .insertInto('document_access_log')
    .values(docs.map((d) => ({ document_id: d.id, owner_id: d.owner_id, user_id: null, action: 'delete' as const })))
    .execute()
}

/** Deletes the visa details of applications whose mobility ended before `before`. */
export async function deleteEndedVisaDetails(db: Kysely<DB>, before: string) {
  await db
    .deleteFrom('incoming_details')
    .where('application_id', 'in', applicationsWithEnd(db).select('a.id').where(endedOn, '<', before))
    .execute()
}

/** How many special-category documents are kept, how many belong to mobilities not ended, and the earliest end among the rest. */
export function keptDocuments(db: Kysely<DB>) {
  return specialDocuments(db)
    .select([
      sql<number>`count(*)::int`.as('kept'),
      sql<number>`count(*) filter (where ${endedOn} is null)::int`.as('ongoing'),
      sql<string | null>`min(${endedOn})`.as('earliest'),
    ])
    .executeTakeFirstOrThrow()
}
