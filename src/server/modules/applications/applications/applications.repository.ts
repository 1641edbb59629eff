import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'

// The reads most of a mobility's pages, letters and mail start from, written once: an application
// (a) with its applicant (u), its call (c), the place it was offered (o) and that place's host (h).
// Callers add the columns they need, their own joins and the row they want.

/** Every application, with its offered place and host when it has one (o and h may be null). */
export const applicationsWithPlace = (db: Kysely<DB>) =>
  db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .leftJoin('institutions as h', 'h.id', 'o.host_institution_id')

/** Only the applications that were offered a place: the nominated, the accepted, those abroad. */
export const placedApplications = (db: Kysely<DB>) =>
  db
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
    .innerJoin('institutions as h', 'h.id', 'o.host_institution_id')

export function profileRow(db: Kysely<DB>, userId: string) {
  return db.selectFrom('student_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function upsertProfile(
  trx: Kysely<DB>,
  userId: string,
  values: {
    student_number: string | null
    year_of_study: number | null
    programme: string | null
    grade_average: number | null
    languages: string
    updated_at: Date
  },
) {
  await trx
    .insertInto('student_profiles')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute()
}

/** The applications by id with their call and applicant; their choices with the places' hosts; their documents (not the checklist's proofs). */
export async function applicationRows(db: Kysely<DB>, ids: string[]) {
  const [rows, choices, documents] = await Promise.all([
    db
      .selectFrom('applications as a')
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .selectAll('a')
      .select([
        'c.title as call_title',
        'c.academic_year',
        'c.time_zone',
        'c.audience',
        'c.opens_at',
        'c.closes_at',
        'c.max_choices',
        'c.required_documents',
        'c.eligibility',
        'u.name as applicant_name',
        'u.email as applicant_email',
      ])
      .where('a.id', 'in', ids)
      .execute(),
    db
      .selectFrom('application_choices as ch')
      .innerJoin('opportunities as o', 'o.id', 'ch.opportunity_id')
      .innerJoin('institutions as i', 'i.id', 'o.host_institution_id')
      .select([
        'ch.application_id',
        'ch.rank',
        'o.id',
        'o.kind',
        'o.direction',
        'o.title',
        'o.years_of_study',
        'o.min_grade',
        'o.languages',
        'i.name as host_name',
        'i.country as host_country',
      ])
      .where('ch.application_id', 'in', ids)
      .orderBy('ch.rank')
      .execute(),
    db
      .selectFrom('documents')
      .select(['id', 'application_id', 'kind', 'file_name', 'mime', 'size', 'expires_on', 'created_at'])
      .where('application_id', 'in', ids)
      // The checklist's proofs are shown with the checklist, to the student and the office only.
      .where('kind', 'not like', 'proof\\_%')
      .orderBy('created_at')
      .execute(),
  ])
  return { rows, choices, documents }
}

export async function applicationIdsOf(db: Kysely<DB>, applicantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('applicant_id', '=', applicantId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => r.id)
}

export function callRow(db: Kysely<DB>, callId: string) {
  return db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst()
}

/** The opportunities a call offers that are published: the only ones an applicant may choose. */
export async function choosableIn(trx: Kysely<DB>, callId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('call_offers as c')
    .innerJoin('opportunities as o', 'o.id', 'c.opportunity_id')
    .select('c.opportunity_id')
    .where('c.call_id', '=', callId)
    .where('o.status', '=', 'published')
    .execute()
  return new Set(rows.map((o) => o.opportunity_id))
}

/** The person's application in a call, locked. */
export function lockOwnApplication(trx: Kysely<DB>, callId: string, applicantId: string) {
  return trx
    .selectFrom('applications')
    .selectAll()
    .where('call_id', '=', callId)
    .where('applicant_id', '=', applicantId)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateDraft(
  trx: Kysely<DB>,
  id: string,
  values: { profile: string; motivation: string; updated_at: Date },
) {
  await trx.updateTable('applications').set(values).where('id', '=', id).execute()
}

/** Replaces an application's ranked choices. */
export async function writeChoices(trx: Kysely<DB>, applicationId: string, opportunityIds: string[]) {
  await trx.deleteFrom('application_choices').where('application_id', '=', applicationId).execute()
  if (opportunityIds.length > 0)
    await trx
      .insertInto('application_choices')
      .values(opportunityIds.map((opportunity_id, i) => ({ application_id: applicationId, rank: i + 1, opportunity_id })))
      .execute()
}

/** Locks the application's call, then the application (see lockApplication in the service). */
export async function lockCallAndApplication(trx: Kysely<DB>, id: string) {
  await trx
    .selectFrom('calls')
    .select('id')
    .where('id', '=', trx.selectFrom('applications').select('call_id').where('id', '=', id))
    .forUpdate()
    .execute()
  return trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** A place given back (withdrawn, declined after acceptance, turned down by the host) is free again in its call. */
export async function releasePlace(trx: Kysely<DB>, callId: string, opportunityId: string) {
  await trx
    .updateTable('call_offers')
    .set({ places_taken: sql`greatest(places_taken - 1, 0)` })
    .where('call_id', '=', callId)
    .where('opportunity_id', '=', opportunityId)
    .execute()
}

export function applicantAndCall(trx: Kysely<DB>, id: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['u.email', 'c.title'])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow()
}

/** An application and its call's id and unit, for deciding who may see it. */
export async function applicationWithCall(db: Kysely<DB>, applicationId: string) {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirst()
  const call =
    row && (await db.selectFrom('calls').select(['id', 'org_unit_id']).where('id', '=', row.call_id).executeTakeFirst())
  return { row, call }
}

/** Whether a person is a named reviewer of the call, and whether they declared a conflict with the application. */
export async function reviewerStanding(db: Kysely<DB>, userId: string, callId: string, applicationId: string) {
  const [assigned, conflict] = await Promise.all([
    db
      .selectFrom('call_reviewers')
      .select('user_id')
      .where('call_id', '=', callId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('reviews')
      .select('conflict')
      .where('application_id', '=', applicationId)
      .where('reviewer_id', '=', userId)
      .where('conflict', '=', true)
      .executeTakeFirst(),
  ])
  return { assigned: assigned !== undefined, conflict: conflict !== undefined }
}

export async function hostOf(db: Kysely<DB>, opportunityId: string) {
  return (await db.selectFrom('opportunities').select('host_institution_id').where('id', '=', opportunityId).executeTakeFirst())
    ?.host_institution_id
}
