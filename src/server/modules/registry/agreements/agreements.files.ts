import { createHash } from 'node:crypto'
import { FILE_MAX_BYTES, FILE_TYPES, type FileKind } from '../../../../shared/agreements.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { looksLike } from '../../../http/file-types.js'
import { cleanFileName } from '../../../http/files.js'
import { recordAudit } from '../../../kernel/audit.js'
import { lockAgreement, touchAgreement } from './agreements.repository.js'
import { loadAgreement } from './agreements.service.js'
import { fileOf, insertFileVersion } from './files.repository.js'

/** Stores an attachment as the next version of its file name, after checking its bytes match its type. */
export async function uploadFile(
  deps: Deps,
  ctx: Ctx,
  id: string,
  file: { kind: FileKind; name: string; mime: string; content: Buffer },
) {
  if (!(file.mime in FILE_TYPES)) {
    throw new AppError(AppErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Attach a PDF, PNG, JPEG or Word (.docx) file.')
  }
  if (file.content.length === 0) throw AppError.validation('body', 'is empty')
  if (file.content.length > FILE_MAX_BYTES)
    throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, `Files may be at most ${FILE_MAX_BYTES / 1024 / 1024} MB.`)
  if (!looksLike(file.mime, file.content))
    throw AppError.validation('body', `is not a ${FILE_TYPES[file.mime as keyof typeof FILE_TYPES].toUpperCase()} file`)
  const name = cleanFileName(file.name, FILE_TYPES[file.mime as keyof typeof FILE_TYPES], file.kind)
  return deps.db.transaction().execute(async (trx) => {
    await lockAgreement(trx, id)
    const agreement = await loadAgreement(trx, ctx.actor!, id)
    const sha256 = createHash('sha256').update(file.content).digest('hex')
    const row = await insertFileVersion(trx, {
      agreement_id: agreement.id,
      kind: file.kind,
      file_name: name,
      mime: file.mime,
      size: file.content.length,
      sha256,
      content: file.content,
      uploaded_by: ctx.actor?.id ?? null,
    })
    await touchAgreement(trx, id)
    await recordAudit(trx, ctx, {
      entityType: 'agreement',
      entityId: id,
      action: 'attach_file',
      after: {
        fileId: row.id,
        kind: file.kind,
        fileName: name,
        mime: file.mime,
        size: file.content.length,
        version: row.version,
        sha256,
      },
    })
    return row.id
  })
}

export async function getFile(deps: Deps, actor: Actor, id: string, fileId: string) {
  await loadAgreement(deps.db, actor, id)
  const file = await fileOf(deps.db, id, fileId)
  if (!file) throw AppError.notFound('The file')
  return file
}
