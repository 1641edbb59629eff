import { type Kysely, sql } from 'kysely'
import { LEFT, SPECIAL_CATEGORY_KINDS } from '../../../../shared/applications.js'
import { DEFAULT_RETENTION_DAYS } from '../../../../shared/limits.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import { type Ctx, systemCtx } from '../../../http/context.js'
import { recordAudit } from '../../../kernel/audit.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.js'

// Special-category documents (identity and health: passports, immunisation records, background
// checks, visas) are deleted a configurable number of days after the mobility ends (issue 6,
// point 11; decision 027). A daily job finds them, deletes them in batches, and records each
// deletion in the document access log and the audit trail.

const RETENTION_KEY = 'documents.retentionDays'
const BATCH = 200

const isDays = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0

export async function retentionDays(db: Kysely<DB>): Promise<number> {
  return readSetting(db, RETENTION_KEY, DEFAULT_RETENTION_DAYS, isDays)
}

export async function setRetentionDays(deps: Pick<Deps, 'db'>, ctx: Ctx, days: number) {
  return deps.db.transaction().execute(async (trx) => {
    await writeSetting(trx, ctx, RETENTION_KEY, 'retentionDays', await retentionDays(trx), days)
    return { retentionDays: days }
  })
}

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

/** The special-category documents whose mobility ended more than `days` ago. */
function expired(db: Kysely<DB>, days: number, today: string) {
  return specialDocuments(db).where(endedOn, '<', addDays(today, -days))
}

/** Deletes what retention says to delete: each batch in one transaction, so a crash loses nothing committed and leaves nothing half done. */
export async function applyRetention(
  deps: Pick<Deps, 'db' | 'clock'>,
  today = todayUtc(deps.clock.now()),
  stop: () => boolean = () => false,
) {
  const days = await retentionDays(deps.db)
  const ctx = systemCtx('document-retention')
  let deleted = 0
  for (;;) {
    if (stop()) break
    const n = await deps.db.transaction().execute(async (trx) => {
      const batch = await expired(trx, days, today)
        .select(['d.id', 'd.owner_id', 'd.application_id', 'd.kind', 'd.file_name', 'd.sha256', endedOn.as('ended_on')])
        .orderBy('d.created_at')
        .limit(BATCH)
        .forUpdate('d')
        .skipLocked()
        .execute()
      if (!batch.length) return 0
      await trx
        .deleteFrom('documents')
        .where(
          'id',
          'in',
          batch.map((d) => d.id),
        )
        .execute()
      await trx
        .insertInto('document_access_log')
        .values(batch.map((d) => ({ document_id: d.id, owner_id: d.owner_id, user_id: null, action: 'delete' as const })))
        .execute()
      const byApplication = new Map<string, typeof batch>()
      for (const d of batch) byApplication.set(d.application_id!, [...(byApplication.get(d.application_id!) ?? []), d])
      for (const [applicationId, docs] of byApplication)
        await recordAudit(trx, ctx, {
          entityType: 'application',
          entityId: applicationId,
          action: 'retention_delete',
          before: {
            endedOn: docs[0]!.ended_on,
            retentionDays: days,
            documents: docs.map((d) => ({ documentId: d.id, kind: d.kind, fileName: d.file_name, sha256: d.sha256 })),
          },
        })
      return batch.length
    })
    deleted += n
    if (n < BATCH) break
  }
  // What a visa invitation letter needed (nationality, birth date, passport number) goes the same way.
  if (!stop())
    await deps.db
      .deleteFrom('incoming_details')
      .where('application_id', 'in', applicationsWithEnd(deps.db).select('a.id').where(endedOn, '<', addDays(today, -days)))
      .execute()
  return { deleted, retentionDays: days }
}

/** How many special-category documents are kept, and when the next ones are due to go (for the settings page). */
export async function retentionOverview(db: Kysely<DB>, today: string) {
  const days = await retentionDays(db)
  const row = await specialDocuments(db)
    .select([
      sql<number>`count(*)::int`.as('kept'),
      sql<number>`count(*) filter (where ${endedOn} is null)::int`.as('ongoing'),
      sql<string | null>`min(${endedOn})`.as('earliest'),
    ])
    .executeTakeFirstOrThrow()
  return {
    retentionDays: days,
    kept: row.kept,
    ongoing: row.ongoing,
    nextDeletionOn: row.earliest ? laterOf(addDays(row.earliest, days + 1), today) : null,
  }
}

const laterOf = (a: string, b: string) => (a > b ? a : b)
