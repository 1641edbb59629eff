import { type Kysely, sql } from 'kysely'
import type { FileKind } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'

// An agreement's files (agreements.files.ts): each name kept in versions.

/** Stores an agreement's file as the next version of its name; its id and version. */
export async function insertFileVersion(
  trx: Kysely<DB>,
  values: {
    agreement_id: string
    kind: FileKind
    file_name: string
    mime: string
    size: number
    sha256: string
    content: Buffer
    uploaded_by: string | null
  },
) {
  const last = await trx
    .selectFrom('agreement_files')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .where('agreement_id', '=', values.agreement_id)
    .where('file_name', '=', values.file_name)
    .executeTakeFirstOrThrow()
  return trx
    .insertInto('agreement_files')
    .values({ ...values, version: last.v + 1 })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow()
}

export function fileOf(db: Kysely<DB>, agreementId: string, fileId: string) {
  return db
    .selectFrom('agreement_files')
    .select(['file_name', 'mime', 'content', 'version'])
    .where('id', '=', fileId)
    .where('agreement_id', '=', agreementId)
    .executeTakeFirst()
}
