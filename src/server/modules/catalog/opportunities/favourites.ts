import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'
import { addTo, listedOn, opportunityStatus, removeFrom } from './opportunities.repository.js'

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
  return listedOn(db, PERSONAL_LISTS[list].table, userId)
}

/** Puts a published opportunity on the person's list (again is fine). */
export async function addToList(deps: Pick<Deps, 'db'>, ctx: Ctx, list: PersonalList, opportunityId: string) {
  const { table, entityType } = PERSONAL_LISTS[list]
  await deps.db.transaction().execute(async (trx) => {
    if ((await opportunityStatus(trx, opportunityId)) !== 'published')
      throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity in the catalog.')
    const added = await addTo(trx, table, ctx.actor!.id, opportunityId)
    if (added) await recordAudit(trx, ctx, { entityType, entityId: opportunityId, action: 'create' })
  })
}

export async function removeFromList(deps: Pick<Deps, 'db'>, ctx: Ctx, list: PersonalList, opportunityId: string) {
  const { table, entityType } = PERSONAL_LISTS[list]
  await deps.db.transaction().execute(async (trx) => {
    const removed = await removeFrom(trx, table, ctx.actor!.id, opportunityId)
    if (removed) await recordAudit(trx, ctx, { entityType, entityId: opportunityId, action: 'delete' })
  })
}
