import { type Kysely, sql } from 'kysely'
import { DEFAULT_REMINDER_DAYS } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.js'

const REMINDER_KEY = 'agreements.reminderDays'

const isDays = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => typeof d === 'number')

export async function reminderDays(db: Kysely<DB>): Promise<number[]> {
  return readSetting(db, REMINDER_KEY, DEFAULT_REMINDER_DAYS, isDays)
}

export async function setReminderDays(deps: Deps, ctx: Ctx, days: number[]) {
  return deps.db.transaction().execute(async (trx) => {
    await writeSetting(trx, ctx, REMINDER_KEY, 'reminderDays', await reminderDays(trx), days)
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
