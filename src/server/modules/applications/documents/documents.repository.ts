import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'

// Every query of applicants' documents and their access log; the rules are in documents.service.ts.

export async function mobilityStatusOf(trx: Kysely<DB>, applicationId: string) {
  return (await trx.selectFrom('mobilities').select('status').where('application_id', '=', applicationId).executeTakeFirst())
    ?.status
}

/** Removes the application's documents of a kind (an upload replaces them), returning what went. */
export function removeKind(trx: Kysely<DB>, applicationId: string, kind: string) {
  return trx
    .deleteFrom('documents')
    .where('application_id', '=', applicationId)
    .where('kind', '=', kind)
    .returning(['id', 'owner_id'])
    .execute()
}

export async function insertDocument(
  trx: Kysely<DB>,
  values: {
    owner_id: string
    application_id: string
    kind: string
    file_name: string
    mime: string
    size: number
    sha256: string
    encrypted: boolean
    content: Buffer
    expires_on: string | null
    uploaded_by: string
  },
): Promise<string> {
  return (await trx.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export function documentRow(db: Kysely<DB>, documentId: string) {
  return db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst()
}

export async function applicationStatusOf(trx: Kysely<DB>, applicationId: string) {
  return (await trx.selectFrom('applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status
}

/** The open request to delete a document, locked. */
export function lockOpenRequest(trx: Kysely<DB>, documentId: string) {
  return trx
    .selectFrom('document_deletion_requests')
    .select(['id', 'status', 'application_id'])
    .where('document_id', '=', documentId)
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst()
}

export async function removeDocument(trx: Kysely<DB>, documentId: string) {
  await trx.deleteFrom('documents').where('id', '=', documentId).execute()
}

/** The owner's address and the call the document belonged to, for the mail that tells them. */
export async function ownerAndCall(trx: Kysely<DB>, doc: { owner_id: string; application_id: string | null }) {
  const [owner, call] = await Promise.all([
    trx.selectFrom('users').select('email').where('id', '=', doc.owner_id).executeTakeFirst(),
    doc.application_id
      ? trx
          .selectFrom('applications as a')
          .innerJoin('calls as c', 'c.id', 'a.call_id')
          .select('c.title')
          .where('a.id', '=', doc.application_id)
          .executeTakeFirst()
      : undefined,
  ])
  return { owner, call }
}

export async function logAccess(
  db: Kysely<DB>,
  doc: { id: string; owner_id: string },
  actor: Actor,
  action: 'download' | 'delete',
) {
  await db
    .insertInto('document_access_log')
    .values({ document_id: doc.id, owner_id: doc.owner_id, user_id: actor.id, action })
    .execute()
}

/** Every document of this person that anyone opened or changed. */
export async function loggedDocumentsOf(db: Kysely<DB>, ownerId: string): Promise<string[]> {
  const ids = await db
    .selectFrom('document_access_log')
    .select('document_id')
    .where('owner_id', '=', ownerId)
    .distinct()
    .execute()
  return ids.map((r) => r.document_id)
}

export async function accessLog(db: Kysely<DB>, documentIds: string[]) {
  if (documentIds.length === 0) return []
  return db
    .selectFrom('document_access_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.document_id', 'l.action', 'l.at', 'u.name'])
    .where('l.document_id', 'in', documentIds)
    .orderBy('l.at', 'desc')
    .limit(500)
    .execute()
}

/** The application's status, locked: a deletion request waits for any step of the application. */
export async function lockApplicationStatus(trx: Kysely<DB>, applicationId: string) {
  return (
    await trx.selectFrom('applications').select('status').where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow()
  ).status
}

export async function hasOpenRequest(trx: Kysely<DB>, documentId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('document_deletion_requests')
    .select('id')
    .where('document_id', '=', documentId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return row !== undefined
}

/** A new request, open (its first status is the table's default; the request is audited by the caller). */
export function insertDeletionRequest(
  trx: Kysely<DB>,
  values: { document_id: string; owner_id: string; application_id: string | null; file_name: string; reason: string },
) {
  return trx.insertInto('document_deletion_requests').values(values).returningAll().executeTakeFirstOrThrow()
}

export function lockDeletionRequest(trx: Kysely<DB>, requestId: string) {
  return trx.selectFrom('document_deletion_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst()
}

export function deletionRequestRow(trx: Kysely<DB>, requestId: string) {
  return trx.selectFrom('document_deletion_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
}

export async function emailOf(trx: Kysely<DB>, userId: string): Promise<string> {
  return (await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email
}

/** Every deletion request of these applications' documents, oldest first. */
export function requestRows(db: Kysely<DB>, applicationIds: string[]) {
  return db
    .selectFrom('document_deletion_requests')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .where('document_id', 'is not', null)
    .orderBy('requested_at')
    .execute()
}
