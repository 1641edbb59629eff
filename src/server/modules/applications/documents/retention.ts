import type { Kysely } from 'kysely'
import { DEFAULT_RETENTION_DAYS } from '../../../../shared/limits.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import { type Ctx, systemCtx } from '../../../http/context.js'
import { recordAudit } from '../../../kernel/audit.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.js'
import { deleteEndedVisaDetails, deleteUnderRetention, expiredBatch, keptDocuments } from './retention.repository.js'

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
      const batch = await expiredBatch(trx, addDays(today, -days), BATCH)
      if (!batch.length) return 0
      await deleteUnderRetention(trx, batch)
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
  if (!stop()) await deleteEndedVisaDetails(deps.db, addDays(today, -days))
  return { deleted, retentionDays: days }
}

/** How many special-category documents are kept, and when the next ones are due to go (for the settings page). */
export async function retentionOverview(db: Kysely<DB>, today: string) {
  const days = await retentionDays(db)
  const row = await keptDocuments(db)
  return {
    retentionDays: days,
    kept: row.kept,
    ongoing: row.ongoing,
    nextDeletionOn: row.earliest ? laterOf(addDays(row.earliest, days + 1), today) : null,
  }
}

const laterOf = (a: string, b: string) => (a > b ? a : b)
