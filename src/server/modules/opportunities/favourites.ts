import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import type { Ctx } from '../../http/context.js'
import { AppError, AppErrorCode } from '../../http/errors.js'
import { recordAudit } from '../audit/audit.record.js'

/** A person's favourites, newest first. */
export async function favouriteIds(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('opportunity_favourites')
    .select('opportunity_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => r.opportunity_id)
}

/** Keeps a published opportunity among the person's favourites (again is fine). */
export async function addFavourite(deps: Pick<Deps, 'db'>, ctx: Ctx, opportunityId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('opportunities').select('status').where('id', '=', opportunityId).executeTakeFirst()
    if (found?.status !== 'published') throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity in the catalog.')
    const added = await trx
      .insertInto('opportunity_favourites')
      .values({ user_id: ctx.actor!.id, opportunity_id: opportunityId })
      .onConflict((oc) => oc.doNothing())
      .returning('opportunity_id')
      .executeTakeFirst()
    if (added) await recordAudit(trx, ctx, { entityType: 'favourite', entityId: opportunityId, action: 'create' })
  })
}

export async function removeFavourite(deps: Pick<Deps, 'db'>, ctx: Ctx, opportunityId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('opportunity_favourites')
      .where('user_id', '=', ctx.actor!.id)
      .where('opportunity_id', '=', opportunityId)
      .returning('opportunity_id')
      .executeTakeFirst()
    if (removed) await recordAudit(trx, ctx, { entityType: 'favourite', entityId: opportunityId, action: 'delete' })
  })
}
