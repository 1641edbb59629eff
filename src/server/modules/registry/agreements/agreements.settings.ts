import type { Kysely } from 'kysely'
import { DEFAULT_REMINDER_DAYS } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.js'
import { countryRows } from './agreements.repository.js'

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
  const rows = await countryRows(deps.db)
  return rows.map((r) => ({
    country: r.country,
    institutions: r.institutions,
    agreementsInForce: r.agreements_in_force,
    partnersInForce: r.partners_in_force,
  }))
}
