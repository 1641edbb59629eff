import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { FILE_MAX_BYTES, FILE_TYPES, type FileKind } from '../../../../shared/agreements.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { looksLike } from '../../../http/file-types.js'
import { cleanFileName } from '../../../http/files.js'
import { recordAudit } from '../../../kernel/audit.js'
import { loadAgreement, lockAgreement } from './agreements.service.js'

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
    const last = await trx
      .selectFrom('agreement_files')
      .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
      .where('agreement_id', '=', id)
      .where('file_name', '=', name)
      .executeTakeFirstOrThrow()
    const sha256 = createHash('sha256').update(file.content).digest('hex')
    const row = await trx
      .insertInto('agreement_files')
      .values({
        agreement_id: agreement.id,
        kind: file.kind,
        file_name: name,
        mime: file.mime,
        size: file.content.length,
        sha256,
        version: last.v + 1,
        content: file.content,
        uploaded_by: ctx.actor?.id ?? null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow()
    await trx.updateTable('agreements').set({ updated_at: new Date() }).where('id', '=', id).execute()
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
  const file = await deps.db
    .selectFrom('agreement_files')
    .select(['file_name', 'mime', 'content', 'version'])
    .where('id', '=', fileId)
    .where('agreement_id', '=', id)
    .executeTakeFirst()
  if (!file) throw AppError.notFound('The file')
  return file
}
