import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'

// Every query of partners' nominations to our electives; the rules are in partner-nominations.ts.

/** Our published calls for visiting students not yet closed, one row per published incoming elective they offer. */
export function nominationCallRows(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('calls as c')
    .innerJoin('call_offers as f', 'f.call_id', 'c.id')
    .innerJoin('opportunities as o', 'o.id', 'f.opportunity_id')
    .select([
      'c.id',
      'c.title',
      'c.academic_year',
      'c.opens_at',
      'c.closes_at',
      'c.time_zone',
      'o.id as opportunity_id',
      'o.title as opportunity_title',
    ])
    .where('c.status', '=', 'published')
    .where('c.audience', '=', 'incoming_students')
    .where('c.closes_at', '>', now)
    .where('o.status', '=', 'published')
    .where('o.direction', '=', 'incoming')
    .orderBy('c.closes_at')
    .execute()
}

/** An institution's nominations, newest first, with the call, the elective and the application's status. */
export function nominationRows(db: Kysely<DB>, institutionId: string) {
  return db
    .selectFrom('incoming_nominations as n')
    .innerJoin('calls as c', 'c.id', 'n.call_id')
    .innerJoin('opportunities as o', 'o.id', 'n.opportunity_id')
    .leftJoin('applications as a', 'a.id', 'n.application_id')
    .leftJoin('users as b', 'b.id', 'n.nominated_by')
    .select([
      'n.id',
      'n.name',
      'n.email',
      'n.created_at',
      'n.withdrawn_at',
      'n.call_id',
      'c.title as call_title',
      'o.title as opportunity_title',
      'a.status as application_status',
      'b.name as nominated_by',
    ])
    .where('n.institution_id', '=', institutionId)
    .orderBy('n.created_at', 'desc')
    .limit(500)
    .execute()
}

/** Whether this address is already nominated (and not withdrawn) to the call. */
export async function isNominated(trx: Kysely<DB>, callId: string, email: string): Promise<boolean> {
  const row = await trx
    .selectFrom('incoming_nominations')
    .select('id')
    .where('call_id', '=', callId)
    .where(sql`lower(email)`, '=', email)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertNomination(
  trx: Kysely<DB>,
  values: { call_id: string; opportunity_id: string; institution_id: string; email: string; name: string; nominated_by: string },
): Promise<string> {
  return (await trx.insertInto('incoming_nominations').values(values).returning('id').executeTakeFirstOrThrow()).id
}

/** Whether an invitation other than a student one of this institution is pending for the address. */
export async function othersInvitationPending(trx: Kysely<DB>, email: string, institutionId: string, now: Date) {
  const row = await trx
    .selectFrom('invitations')
    .select('id')
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('role', '!=', 'student'), eb('institution_id', 'is distinct from', institutionId)]))
    .executeTakeFirst()
  return row !== undefined
}

/** One of the institution's nominations, locked, with its application's status. */
export function lockNomination(trx: Kysely<DB>, id: string, institutionId: string) {
  return trx
    .selectFrom('incoming_nominations as n')
    .leftJoin('applications as a', 'a.id', 'n.application_id')
    .select(['n.id', 'n.withdrawn_at', 'n.application_id', 'a.status'])
    .where('n.id', '=', id)
    .where('n.institution_id', '=', institutionId)
    .forUpdate('n')
    .executeTakeFirst()
}

/** Withdraws a nomination, deleting the draft it made. */
export async function withdrawNomination(trx: Kysely<DB>, id: string, draftId: string | null) {
  await trx.updateTable('incoming_nominations').set({ withdrawn_at: new Date() }).where('id', '=', id).execute()
  if (draftId) await trx.deleteFrom('applications').where('id', '=', draftId).execute()
}

/** The nominations of a student's own institution that have no application yet. */
export function waitingNominations(trx: Kysely<DB>, email: string, institutionId: string) {
  return trx
    .selectFrom('incoming_nominations')
    .select(['id', 'call_id', 'opportunity_id'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('institution_id', '=', institutionId)
    .where('application_id', 'is', null)
    .where('withdrawn_at', 'is', null)
    .execute()
}

export async function applicationIn(trx: Kysely<DB>, callId: string, applicantId: string) {
  return (
    await trx
      .selectFrom('applications')
      .select('id')
      .where('call_id', '=', callId)
      .where('applicant_id', '=', applicantId)
      .executeTakeFirst()
  )?.id
}

export async function linkNomination(trx: Kysely<DB>, id: string, applicationId: string) {
  await trx.updateTable('incoming_nominations').set({ application_id: applicationId }).where('id', '=', id).execute()
}
