import type { Kysely } from 'kysely'
import type { DocumentDeletionRequest } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { notify } from '../../comms/notifications/notify.js'
import { accessTo } from '../applications/applications.policy.js'
import { deletionRequestLifecycle } from './deletion-requests.status.js'
import {
  deletionRequestRow,
  emailOf,
  hasOpenRequest,
  insertDeletionRequest,
  lockApplicationStatus,
  lockDeletionRequest,
  requestRows,
} from './documents.repository.js'
import { readable } from './documents.service.js'

// A person's request that the office delete one of their documents (issue 6, point 11; decision
// 034). While an application is a draft its owner deletes documents themselves; after that the
// document may be part of a nomination, a letter or a clearance, so the office decides: it deletes
// the document (and the person is told, as for any deletion by the office) or keeps it, with a
// reason the person reads. One open request per document; every step is audited.

type DeletionRequestDto = DocumentDeletionRequest

/** The owner asks; anyone else who may read the document is told the office deletes directly. */
export async function requestDeletion(deps: MailDeps, ctx: Ctx, documentId: string, reason: string): Promise<DeletionRequestDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { doc, access } = await readable(trx, ctx.actor!, documentId)
    if (access !== 'owner')
      throw new AppError(
        AppErrorCode.FORBIDDEN,
        access === 'office'
          ? 'The office deletes a document directly; a request is for the person it belongs to.'
          : 'Only the person the document belongs to asks for its deletion.',
      )
    if (doc.application_id) {
      const app = { status: await lockApplicationStatus(trx, doc.application_id) }
      if (app.status === 'draft')
        throw new AppError(AppErrorCode.CONFLICT, 'The application is still a draft: delete the document yourself.')
    }
    const open = await hasOpenRequest(trx, documentId)
    if (open) throw new AppError(AppErrorCode.CONFLICT, 'You have already asked for this; the office has not answered yet.')
    const row = await insertDeletionRequest(trx, {
      document_id: documentId,
      owner_id: doc.owner_id,
      application_id: doc.application_id,
      file_name: doc.file_name,
      reason,
    })
    await recordAudit(trx, ctx, {
      entityType: doc.application_id ? 'application' : 'user',
      entityId: doc.application_id ?? doc.owner_id,
      action: 'request_document_deletion',
      after: { requestId: row.id, documentId, kind: doc.kind, fileName: doc.file_name, reason },
    })
    return present(row)
  })
}

/** The office keeps the document, saying why; the person is told. */
export async function keepDocument(deps: MailDeps, ctx: Ctx, requestId: string, reason: string): Promise<DeletionRequestDto> {
  return deps.db.transaction().execute(async (trx) => {
    const request = await lockDeletionRequest(trx, requestId)
    if (!request?.application_id) throw AppError.notFound('The deletion request')
    const { access } = await accessTo(trx, ctx.actor!, request.application_id).catch(() => {
      throw AppError.notFound('The deletion request')
    })
    if (access !== 'office') throw AppError.notFound('The deletion request')
    if (!deletionRequestLifecycle.can('keep', request.status))
      throw new AppError(AppErrorCode.CONFLICT, `The request was already answered: the document was ${request.status}.`)
    await deletionRequestLifecycle.take(
      trx,
      ctx,
      request,
      'keep',
      { decided_by: ctx.actor!.id, decided_at: new Date(), keep_reason: reason },
      { requestId, documentId: request.document_id, reason },
      { before: { requestId }, entityId: request.application_id },
    )
    const row = await deletionRequestRow(trx, requestId)
    const owner = { email: await emailOf(trx, request.owner_id) }
    await notify(trx, deps, {
      to: owner.email,
      template: 'documentKept',
      link: '/applications',
      vars: { file: request.file_name, reason },
    })
    return present(row)
  })
}

/** The latest request for each document of these applications that is still there, for the owner and the office. */
export async function latestRequests(db: Kysely<DB>, applicationIds: string[]): Promise<Map<string, DeletionRequestDto>> {
  if (applicationIds.length === 0) return new Map()
  const rows = await requestRows(db, applicationIds)
  return new Map(rows.map((r) => [r.document_id!, present(r)]))
}

function present(r: {
  id: string
  status: 'open' | 'deleted' | 'kept'
  reason: string
  requested_at: Date
  decided_at: Date | null
  keep_reason: string | null
}): DeletionRequestDto {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    requestedAt: iso(r.requested_at)!,
    decidedAt: iso(r.decided_at),
    keepReason: r.keep_reason,
  }
}
