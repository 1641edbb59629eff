import { type Kysely, type Migration, Migrator } from 'kysely'
import * as m0001 from './migrations/0001_foundation.js'
import * as m0002 from './migrations/0002_partners_agreements.js'
import * as m0003 from './migrations/0003_registry_filters.js'
import * as m0004 from './migrations/0004_list_columns.js'
import * as m0005 from './migrations/0005_opportunities.js'
import * as m0006 from './migrations/0006_favourites.js'
import * as m0007 from './migrations/0007_calls.js'
import * as m0008 from './migrations/0008_applications.js'
import * as m0009 from './migrations/0009_nominations.js'
import * as m0010 from './migrations/0010_notifications.js'
import * as m0011 from './migrations/0011_learning_agreements.js'
import * as m0012 from './migrations/0012_registry_changes.js'
import * as m0013 from './migrations/0013_mobilities.js'
import * as m0014 from './migrations/0014_checklists.js'
import * as m0015 from './migrations/0015_surveys.js'
import * as m0016 from './migrations/0016_digests.js'
import * as m0017 from './migrations/0017_incoming.js'
import * as m0018 from './migrations/0018_staff_programmes.js'
import * as m0019 from './migrations/0019_mail_templates.js'
import * as m0020 from './migrations/0020_incoming_nominations.js'
import * as m0021 from './migrations/0021_document_deletion_requests.js'
import * as m0022 from './migrations/0022_token_expiry.js'
import type { DB } from './schema.js'

/** Versioned migrations, in order. Add new ones at the end; never edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_partners_agreements': m0002,
  '0003_registry_filters': m0003,
  '0004_list_columns': m0004,
  '0005_opportunities': m0005,
  '0006_favourites': m0006,
  '0007_calls': m0007,
  '0008_applications': m0008,
  '0009_nominations': m0009,
  '0010_notifications': m0010,
  '0011_learning_agreements': m0011,
  '0012_registry_changes': m0012,
  '0013_mobilities': m0013,
  '0014_checklists': m0014,
  '0015_surveys': m0015,
  '0016_digests': m0016,
  '0017_incoming': m0017,
  '0018_staff_programmes': m0018,
  '0019_mail_templates': m0019,
  '0020_incoming_nominations': m0020,
  '0021_document_deletion_requests': m0021,
  '0022_token_expiry': m0022,
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'meridian_migrations',
    migrationLockTableName: 'meridian_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
