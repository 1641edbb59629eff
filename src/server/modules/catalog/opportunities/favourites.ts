import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'

/**
 * A person's own lists of catalog opportunities: favourites, and the ones they asked to be told
 * about by e-mail when a call offering them opens.
 */
export const PERSONAL_LISTS = {
  favourites: { table: 'opportunity_favourites', entityType: 'favourite' },
  alerts: { table: 'opportunity_alerts', entityType: 'opening_alert' },
} as const
export type PersonalList = keyof typeof PERSONAL_LISTS

/** The opportunities on a person's list, newest first. */
export async function listedIds(db: Kysely<DB>, list: PersonalList, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom(PERSONAL_LISTS[list].table)
    .select('opportunity_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => r.opportunity_id)
}

/** Puts a published opportunity on the person's list (again is fine). */
export async function addToList(deps: Pick<Deps, 'db'>, ctx: Ctx, list: PersonalList, opportunityId: string) {
  const { table, entityType } = PERSONAL_LISTS[list]
  await deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('opportunities').select('status').where('id', '=', opportunityId).executeTakeFirst()
    if (found?.status !== 'published') throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity in the catalog.')
    const added = await trx
      .insertInto(table)
      .values({ user_id: ctx.actor!.id, opportunity_id: opportunityId })
      .onConflict((oc) => oc.doNothing())
      .returning('opportunity_id')
      .executeTakeFirst()
    if (added) await recordAudit(trx, ctx, { entityType, entityId: opportunityId, action: 'create' })
  })
}

export async function removeFromList(deps: Pick<Deps, 'db'>, ctx: Ctx, list: PersonalList, opportunityId: string) {
  const { table, entityType } = PERSONAL_LISTS[list]
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom(table)
      .where('user_id', '=', ctx.actor!.id)
      .where('opportunity_id', '=', opportunityId)
      .returning('opportunity_id')
      .executeTakeFirst()
    if (removed) await recordAudit(trx, ctx, { entityType, entityId: opportunityId, action: 'delete' })
  })
}
