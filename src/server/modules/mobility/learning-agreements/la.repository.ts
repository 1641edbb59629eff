import type { Insertable, Kysely } from 'kysely'
import type { LaComponent, LaParty, LaRemoved } from '../../../../shared/learning-agreements.js'
import type { DB } from '../../../db/schema.js'
import type { LearningAgreementVersionTable } from '../../../db/schema-applications.js'
import { applicationsWithPlace } from '../../applications/applications/applications.repository.js'

// Every query of the learning agreement; the rules are in la.service.ts.

export function agreementOf(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('learning_agreements').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

/** The agreement's versions, newest first. */
export function versionRows(db: Kysely<DB>, agreementId: string) {
  return db
    .selectFrom('learning_agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('number', 'desc')
    .execute()
}

/** The same, locked for a step. */
export function lockVersions(trx: Kysely<DB>, agreementId: string) {
  return trx
    .selectFrom('learning_agreement_versions')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('number', 'desc')
    .forUpdate()
    .execute()
}

export function signatureRows(db: Kysely<DB>, agreementId: string) {
  return db
    .selectFrom('learning_agreement_signatures as s')
    .innerJoin('learning_agreement_versions as v', 'v.id', 's.version_id')
    .select(['s.version_id', 's.party', 's.signer_name', 's.signer_position', 's.signer_email', 's.signed_at'])
    .where('v.agreement_id', '=', agreementId)
    .execute()
}

export function signedParties(trx: Kysely<DB>, versionId: string) {
  return trx.selectFrom('learning_agreement_signatures').select('party').where('version_id', '=', versionId).execute()
}

/** The student, the academic year, the place and the two institutions the agreement is between. */
export async function partiesRow(db: Kysely<DB>, applicationId: string) {
  const [r, home] = await Promise.all([
    applicationsWithPlace(db)
      .select(['u.name', 'u.email', 'c.academic_year', 'o.title', 'h.name as host'])
      .where('a.id', '=', applicationId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('institutions').select('name').where('is_home', '=', true).executeTakeFirst(),
  ])
  return { ...r, home: home?.name ?? '' }
}

export async function insertAgreement(
  trx: Kysely<DB>,
  values: { application_id: string; planned_start: string; planned_end: string },
): Promise<string> {
  return (await trx.insertInto('learning_agreements').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertVersion(trx: Kysely<DB>, values: Insertable<LearningAgreementVersionTable>) {
  await trx.insertInto('learning_agreement_versions').values(values).execute()
}

export async function writeDraft(
  trx: Kysely<DB>,
  ids: { agreementId: string; versionId: string },
  input: { plannedStart: string; plannedEnd: string; components: LaComponent[]; removed: LaRemoved[] },
) {
  await trx
    .updateTable('learning_agreements')
    .set({ planned_start: input.plannedStart, planned_end: input.plannedEnd, updated_at: new Date() })
    .where('id', '=', ids.agreementId)
    .execute()
  await trx
    .updateTable('learning_agreement_versions')
    .set({ components: JSON.stringify(input.components), removed: JSON.stringify(input.removed) })
    .where('id', '=', ids.versionId)
    .execute()
}

export async function insertSignature(
  trx: Kysely<DB>,
  values: {
    version_id: string
    party: LaParty
    user_id: string
    signer_name: string
    signer_position: string
    signer_email: string
    signed_at: Date
  },
) {
  await trx.insertInto('learning_agreement_signatures').values(values).execute()
}

/** Who hears of a step: the student, the nominating officer, and the host institution. */
export function laRecipients(trx: Kysely<DB>, applicationId: string) {
  return applicationsWithPlace(trx)
    .leftJoin('users as n', 'n.id', 'a.nominated_by')
    .select(['u.name', 'u.email', 'n.email as officer_email', 'o.host_institution_id', 'a.status'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

/** The active partner coordinators of an institution. */
export function partnerCoordinators(trx: Kysely<DB>, institutionId: string) {
  return trx
    .selectFrom('users')
    .select('email')
    .where('role', '=', 'partner')
    .where('institution_id', '=', institutionId)
    .where('active', '=', true)
    .execute()
}
