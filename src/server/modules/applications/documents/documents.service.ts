import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { FILE_TYPES } from '../../../../shared/agreements.js'
import { SPECIAL_CATEGORY_KINDS } from '../../../../shared/applications.js'
import type { DocumentKind } from '../../../../shared/calls.js'
import type { ProofKind } from '../../../../shared/checklist.js'
import { DOCUMENT_MAX_BYTES } from '../../../../shared/limits.js'
import type { DB } from '../../../db/schema.js'
import { seal, unseal } from '../../../db/seal.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { sniff } from '../../../http/file-types.js'
import { cleanFileName } from '../../../http/files.js'
import { recordAudit } from '../../../kernel/audit.js'
import { notify } from '../../comms/notifications/notify.js'
import { accessTo } from '../applications/applications.policy.js'
import { deletionRequestLifecycle } from './deletion-requests.status.js'
import { DELETERS, mayUpload, NOT_SPECIAL_READERS, uploadersOf } from './documents.policy.js'
import {
  accessLog,
  applicationStatusOf,
  documentRow,
  insertDocument,
  lockOpenRequest,
  logAccess,
  loggedDocumentsOf,
  mobilityStatusOf,
  ownerAndCall,
  removeDocument,
  removeKind,
} from './documents.repository.js'

// Applicants' documents (issue 6). The type is told by the bytes, not by the name or the header;
// names are cleaned; identity and health documents are encrypted at rest and never shown to
// reviewers; every read and every deletion is written to the append-only access log.

const EXTENSION: Record<string, string> = FILE_TYPES

/** A document's name as kept: cleaned as every upload's is, with the extension of its type. */
export function documentFileName(name: string, mime: string, kind: string): string {
  return cleanFileName(name, EXTENSION[mime]!, kind)
}

export async function uploadDocument(
  deps: Pick<Deps, 'db' | 'env'>,
  ctx: Ctx,
  applicationId: string,
  file: {
    kind: DocumentKind | 'acceptance_letter' | 'transcript_of_records' | 'host_certificate' | ProofKind
    name: string
    mime: string
    content: Buffer
    expiresOn: string | null
  },
  /** Runs in the upload's transaction once the file is stored, after the kind's own checks. */
  onStored?: (trx: Kysely<DB>, documentId: string) => Promise<void>,
) {
  if (file.content.length === 0) throw AppError.validation('body', 'is empty')
  if (file.content.length > DOCUMENT_MAX_BYTES)
    throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, `Documents may be at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB.`)
  const actual = sniff(file.content)
  if (!actual || !(actual in FILE_TYPES))
    throw new AppError(
      AppErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Upload a PDF, PNG, JPEG or Word (.docx) file; this file is none of those.',
    )
  if (actual !== file.mime) throw AppError.validation('body', `is a ${EXTENSION[actual]!.toUpperCase()} file, not ${file.mime}`)
  return deps.db.transaction().execute(async (trx) => {
    const { row, access } = await accessTo(trx, ctx.actor!, applicationId)
    if (!mayUpload(file.kind, access)) throw new AppError(AppErrorCode.FORBIDDEN, uploadersOf(file.kind).refusal)
    if (file.kind === 'acceptance_letter') {
      // The host's letter of acceptance, once it has accepted the nominee.
      if (row.status !== 'host_accepted')
        throw new AppError(AppErrorCode.CONFLICT, `The nominee is ${row.status}; accept them before uploading the letter.`)
    } else if (file.kind === 'transcript_of_records') {
      // The host's transcript, until the credits are recognised.
      const mobility = await mobilityStatusOf(trx, row.id)
      if (!mobility || mobility === 'recognised')
        throw new AppError(
          AppErrorCode.CONFLICT,
          mobility ? 'The credits are already recognised.' : 'The student has not arrived at the host yet.',
        )
    } else if (file.kind === 'host_certificate') {
      // The certificate that a member of staff visited, once the visit began.
      if (!(await mobilityStatusOf(trx, row.id))) throw new AppError(AppErrorCode.CONFLICT, 'The visit has not begun yet.')
    } else if (!file.kind.startsWith('proof_')) {
      // The applicant's own documents change only in a draft (a checklist proof is checked by its caller).
      if (row.status !== 'draft')
        throw new AppError(AppErrorCode.CONFLICT, `The application is ${row.status}; documents can change only in a draft.`)
    }
    const special = SPECIAL_CATEGORY_KINDS.includes(file.kind)
    const replaced = await removeKind(trx, applicationId, file.kind)
    for (const old of replaced) await logAccess(trx, old, ctx.actor!, 'delete')
    const fileName = documentFileName(file.name, actual, file.kind)
    const sha256 = createHash('sha256').update(file.content).digest('hex')
    const id = await insertDocument(trx, {
      owner_id: row.applicant_id,
      application_id: applicationId,
      kind: file.kind,
      file_name: fileName,
      mime: actual,
      size: file.content.length,
      sha256,
      encrypted: special,
      content: special ? seal(deps.env.documentKey, file.content) : file.content,
      expires_on: file.expiresOn,
      uploaded_by: ctx.actor!.id,
    })
    await onStored?.(trx, id)
    await recordAudit(trx, ctx, {
      entityType: 'application',
      entityId: applicationId,
      action: 'upload_document',
      after: {
        documentId: id,
        kind: file.kind,
        fileName,
        mime: actual,
        size: file.content.length,
        sha256,
        replaced: replaced.map((r) => r.id),
      },
    })
    return id
  })
}

/** The document and who may read it: its owner, the office of its call, a reviewer or the host unless special or a checklist proof. */
export async function readable(db: Kysely<DB>, actor: Actor, documentId: string) {
  const doc = await documentRow(db, documentId)
  if (!doc) throw AppError.notFound('The document')
  if (doc.owner_id === actor.id) return { doc, access: 'owner' as const }
  if (!doc.application_id) throw AppError.notFound('The document')
  const { access } = await accessTo(db, actor, doc.application_id).catch(() => {
    throw AppError.notFound('The document')
  })
  if (NOT_SPECIAL_READERS.includes(access) && (doc.encrypted || doc.kind.startsWith('proof_')))
    throw AppError.notFound('The document')
  return { doc, access }
}

export async function downloadDocument(deps: Pick<Deps, 'db' | 'env'>, actor: Actor, documentId: string) {
  const { doc } = await readable(deps.db, actor, documentId)
  await logAccess(deps.db, doc, actor, 'download')
  const content = doc.encrypted ? unseal(deps.env.documentKey, doc.content) : doc.content
  return { fileName: doc.file_name, mime: doc.mime, content }
}

/** The applicant's own (while a draft), or the office's at the person's request, who is then told. */
export async function deleteDocument(deps: MailDeps, ctx: Ctx, documentId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const { doc, access } = await readable(trx, ctx.actor!, documentId)
    if (!DELETERS.includes(access))
      throw new AppError(AppErrorCode.FORBIDDEN, 'Only the applicant or the office deletes documents.')
    if (access === 'owner' && doc.application_id) {
      const app = { status: await applicationStatusOf(trx, doc.application_id) }
      if (app.status !== 'draft')
        throw new AppError(
          AppErrorCode.CONFLICT,
          `The application is ${app.status}; ask the international office to delete the document.`,
        )
    }
    // A request to delete it is answered by the deletion (and kept, as the record of what was asked).
    const request = await lockOpenRequest(trx, documentId)
    if (request) {
      await deletionRequestLifecycle.take(
        trx,
        ctx,
        request,
        'delete',
        { decided_by: ctx.actor!.id, decided_at: new Date() },
        { requestId: request.id, documentId },
        { before: { requestId: request.id }, entityId: request.application_id ?? doc.owner_id },
      )
    }
    await removeDocument(trx, documentId)
    await logAccess(trx, doc, ctx.actor!, 'delete')
    await recordAudit(trx, ctx, {
      entityType: doc.application_id ? 'application' : 'user',
      entityId: doc.application_id ?? doc.owner_id,
      action: 'delete_document',
      before: { documentId, kind: doc.kind, fileName: doc.file_name, sha256: doc.sha256 },
    })
    if (access === 'office' && doc.owner_id !== ctx.actor!.id) await tellOwner(trx, deps, doc)
  })
}

/** The person whose document the office deleted hears of it, with the call it belonged to. */
async function tellOwner(
  trx: Kysely<DB>,
  deps: Pick<Deps, 'mail' | 'env'>,
  doc: { owner_id: string; file_name: string; application_id: string | null },
) {
  const { owner, call } = await ownerAndCall(trx, doc)
  if (!owner) return
  await notify(trx, deps, {
    to: owner.email,
    template: 'documentDeleted',
    link: '/applications',
    vars: (r) => ({ file: doc.file_name, call: call ? r.text(call.title) : '' }),
  })
}

/** Who read a person's documents and when (for the person and the office). */
/** Who opened or changed any document of this person, newest first (the last 500). */
export async function ownerAccessLog(db: Kysely<DB>, ownerId: string) {
  return accessLog(db, await loggedDocumentsOf(db, ownerId))
}
