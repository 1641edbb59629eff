import { type Kysely, sql } from 'kysely'
import { DEFAULT_REMINDER_DAYS } from '../../../shared/agreements.js'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Ctx } from '../../http/context.js'
import { recordAudit } from '../audit/audit.record.js'

const REMINDER_KEY = 'agreements.reminderDays'

export async function reminderDays(db: Kysely<DB>): Promise<number[]> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', REMINDER_KEY).executeTakeFirst()
  return Array.isArray(row?.value) ? (row.value as number[]) : DEFAULT_REMINDER_DAYS
}

export async function setReminderDays(deps: Deps, ctx: Ctx, days: number[]) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await reminderDays(trx)
    await trx
      .insertInto('app_settings')
      .values({ key: REMINDER_KEY, value: JSON.stringify(days) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(days), updated_at: new Date() }))
      .execute()
    await recordAudit(trx, ctx, {
      entityType: 'settings',
      entityId: REMINDER_KEY,
      action: 'update',
      before: { reminderDays: before },
      after: { reminderDays: days },
    })
    return { reminderDays: days }
  })
}

/** Per country of partners: institutions, agreements in force, and partners with one. */
export async function countryStats(deps: Deps) {
  const { rows } = await sql<{ country: string; institutions: number; agreements_in_force: number; partners_in_force: number }>`
    select i.country,
      count(distinct i.id)::int as institutions,
      count(distinct a.id) filter (where a.status in ('active','expiring'))::int as agreements_in_force,
      count(distinct i.id) filter (where a.status in ('active','expiring'))::int as partners_in_force
    from institutions i
    left join agreement_parties p on p.institution_id = i.id
    left join agreements a on a.id = p.agreement_id
    where not i.is_home and i.merged_into is null
    group by i.country
    order by i.country`.execute(deps.db)
  return rows.map((r) => ({
    country: r.country,
    institutions: r.institutions,
    agreementsInForce: r.agreements_in_force,
    partnersInForce: r.partners_in_force,
  }))
}
