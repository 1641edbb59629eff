import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Ctx } from '../../../http/context.js'
import { recordAudit } from '../../../kernel/audit.js'

// The settings store: settings an admin changes at run time (`app_settings`, a key and a JSON value), each read with
// its default when never set, and each change audited with the value before and after.

export async function readSetting<T>(db: Kysely<DB>, key: string, fallback: T, valid: (v: unknown) => v is T): Promise<T> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst()
  return row && valid(row.value) ? row.value : fallback
}

/** Sets a value in the caller's transaction and audits the change under `name`. */
export async function writeSetting<T>(trx: Kysely<DB>, ctx: Ctx, key: string, name: string, before: T, value: T) {
  await trx
    .insertInto('app_settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute()
  await recordAudit(trx, ctx, {
    entityType: 'settings',
    entityId: key,
    action: 'update',
    before: { [name]: before },
    after: { [name]: value },
  })
}
