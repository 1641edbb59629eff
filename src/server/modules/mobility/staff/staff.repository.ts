import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'

// Every query of the staff visit programme; the rules are in staff.service.ts.

/** The call's audience and the offered place's kind, which say whether the visit teaches. */
export function staffCallOf(db: Kysely<DB>, callId: string, offeredOpportunityId: string | null) {
  return db
    .selectFrom('calls as c')
    .leftJoin('opportunities as o', (j) => j.on('o.id', '=', offeredOpportunityId))
    .select(['c.audience', 'o.kind'])
    .where('c.id', '=', callId)
    .executeTakeFirstOrThrow()
}

export function programmeOf(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('staff_programmes').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

export function lockProgramme(trx: Kysely<DB>, applicationId: string) {
  return trx.selectFrom('staff_programmes').selectAll().where('application_id', '=', applicationId).forUpdate().executeTakeFirst()
}

/** Whether the visit has begun (a mobility exists from the arrival on). */
export async function hasBegun(db: Kysely<DB>, applicationId: string): Promise<boolean> {
  return (
    (await db.selectFrom('mobilities').select('id').where('application_id', '=', applicationId).executeTakeFirst()) !== undefined
  )
}

/** The call's audience and the programme's status, for what keeps a visit from beginning. */
export function programmeStateOf(db: Kysely<DB>, applicationId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('staff_programmes as p', 'p.application_id', 'a.id')
    .select(['c.audience', 'p.status'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}
