import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'

/** Whether the database answers at all. */
export async function databaseReachable(db: Kysely<DB>): Promise<boolean> {
  return sql`select 1`.execute(db).then(
    () => true,
    () => false,
  )
}
