import { type Kysely, sql } from 'kysely'
import type { ChecklistItem } from '../../../../shared/checklist.js'
import type { DB } from '../../../db/schema.js'
import { applicationsWithPlace } from '../../applications/applications/applications.repository.js'

// Every query of the checklist before departure; the rules are in checklist.service.ts and the
// reminders in checklist.reminders.ts.

/** The student, the place's requirements, the host and the learning agreement's planned end. */
export function checklistPlace(db: Kysely<DB>, applicationId: string) {
  return applicationsWithPlace(db)
    .leftJoin('learning_agreements as la', 'la.application_id', 'a.id')
    .select(['u.name', 'o.requirements', 'h.name as host', 'la.planned_end'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

export function itemRows(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('checklist_items').selectAll().where('application_id', '=', applicationId).execute()
}

/** The proofs uploaded for the checklist's items (documents whose kind is proof_…). */
export function proofRows(db: Kysely<DB>, applicationId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'kind', 'file_name', 'created_at'])
    .where('application_id', '=', applicationId)
    .where('kind', 'like', 'proof\\_%')
    .execute()
}

export async function namesOf(db: Kysely<DB>, userIds: string[]) {
  return userIds.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : []
}

/** The items, submitted or verified, that expire by the horizon, of mobilities being prepared or under way. */
export function expiringItems(db: Kysely<DB>, horizon: string) {
  return db
    .selectFrom('checklist_items as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .select(['c.application_id', 'c.item', 'c.expires_on', 'c.reminded_days', 'u.name', 'u.email', 'n.email as officer_email'])
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '<=', horizon)
    .where('c.status', 'in', ['submitted', 'verified'])
    .where('a.status', '=', 'host_accepted')
    .where((eb) => eb.or([eb('m.status', 'is', null), eb('m.status', '=', 'abroad')]))
    .orderBy('c.expires_on')
    .execute()
}

/** Records a reminder step for an item, unless another run has already sent this one or a later one; whether it was taken. */
export async function claimReminder(
  trx: Kysely<DB>,
  item: { application_id: string; item: ChecklistItem; expires_on: string },
  due: number,
): Promise<boolean> {
  const claimed = await trx
    .updateTable('checklist_items')
    .set({ reminded_days: due })
    .where('application_id', '=', item.application_id)
    .where('item', '=', item.item)
    .where('expires_on', '=', item.expires_on)
    .where(sql<boolean>`coalesce(reminded_days, 2147483647) > ${due}`)
    .executeTakeFirst()
  return claimed.numUpdatedRows > 0n
}
