import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createPGlite, embeddedDataPath, wrapPGlite } from './database.js'
import { checkDocumentKey, DocumentKeyError, keyFingerprint } from './document-key.js'
import { lockDataDir } from './lock.js'

/**
 * Backup and restore of the embedded database as a gzipped copy of its data directory.
 * Both take the data directory's lock, so Meridian must be stopped first. For a PostgreSQL
 * server, use pg_dump and pg_restore (README).
 *
 * A backup made `withKey` also carries the document key (decision 010, amended): a header line
 * and a line of JSON before the gzipped data. Without it, a restore needs the original key in
 * DOCUMENT_KEY or the data directory, and refuses, naming the key's fingerprint, when it is not there.
 */
const HEADER = 'MERIDIAN-BACKUP 1\n'

export async function backupEmbedded(
  dataDir: string,
  file: string,
  options: { withKey?: Buffer } = {},
): Promise<{ bytes: number }> {
  if (!existsSync(embeddedDataPath(dataDir))) throw new Error(`There is no embedded database in ${dataDir}.`)
  const lock = lockDataDir(dataDir)
  try {
    const pglite = await createPGlite(embeddedDataPath(dataDir))
    try {
      const blob = await pglite.dumpDataDir('gzip')
      const data = Buffer.from(await blob.arrayBuffer())
      const bytes = options.withKey
        ? Buffer.concat([
            Buffer.from(HEADER),
            Buffer.from(`${JSON.stringify({ documentKey: options.withKey.toString('base64') })}\n`),
            data,
          ])
        : data
      const tmp = `${file}.partial`
      writeFileSync(tmp, bytes, { mode: options.withKey ? 0o600 : 0o644 })
      renameSync(tmp, file)
      return { bytes: bytes.length }
    } finally {
      await pglite.close()
    }
  } finally {
    lock.release()
  }
}

/** The gzipped data of a backup file, and the document key when it carries one. */
export function readBackup(file: string): { data: Buffer; documentKey: Buffer | null } {
  const raw = readFileSync(file)
  let data = raw
  let documentKey: Buffer | null = null
  if (raw.subarray(0, HEADER.length).toString() === HEADER) {
    const end = raw.indexOf(0x0a, HEADER.length)
    const meta = JSON.parse(raw.subarray(HEADER.length, end).toString()) as { documentKey?: string }
    documentKey = meta.documentKey ? Buffer.from(meta.documentKey, 'base64') : null
    data = raw.subarray(end + 1)
  }
  if (data[0] !== 0x1f || data[1] !== 0x8b) throw new Error(`${file} is not a Meridian backup (a file from "meridian backup").`)
  return { data, documentKey }
}

export interface RestoreKeys {
  /** The key Meridian has now: DOCUMENT_KEY, or the data directory's document-key file. */
  current: Buffer
  /** True when it comes from DOCUMENT_KEY, which a restore cannot change. */
  fromEnvironment: boolean
}

export async function restoreEmbedded(
  dataDir: string,
  file: string,
  keys: RestoreKeys,
): Promise<{ previous: string | null; keyRestored: boolean }> {
  const { data, documentKey } = readBackup(file)
  const lock = lockDataDir(dataDir)
  const target = embeddedDataPath(dataDir)
  const staging = `${target}.restoring`
  try {
    rmSync(staging, { recursive: true, force: true })
    // Restore into a staging folder and check it opens, and that the key opens its documents,
    // before the current data is touched.
    const staged = wrapPGlite(await createPGlite(staging, new Blob([data])))
    const useKey = documentKey ?? keys.current
    try {
      try {
        await staged.pglite!.query('select count(*) from meridian_migrations')
      } catch (error) {
        throw new Error(`${file} does not hold a Meridian database: ${(error as Error).message}`)
      }
      if (documentKey && keys.fromEnvironment && !documentKey.equals(keys.current))
        throw new DocumentKeyError(
          `${file} carries the document key with fingerprint ${keyFingerprint(documentKey)}, but DOCUMENT_KEY is set to the key with fingerprint ${keyFingerprint(keys.current)}. Set DOCUMENT_KEY to the backup's key (or unset it), then restore again.`,
        )
      // Older data has no fingerprint yet; the check then opens a sealed document, and records nothing here.
      const check = await checkDocumentKey(staged.db, useKey, { record: false })
      if (!check.ok) throw new DocumentKeyError(`${file}: ${check.message}`)
    } catch (error) {
      await staged.close()
      rmSync(staging, { recursive: true, force: true })
      throw error
    }
    await staged.close()
    let previous: string | null = null
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    if (existsSync(target)) {
      previous = `${target}.before-restore-${stamp}`
      renameSync(target, previous)
    }
    renameSync(staging, target)
    let keyRestored = false
    if (documentKey && !keys.fromEnvironment && !documentKey.equals(keys.current)) {
      const keyFile = path.join(dataDir, 'document-key')
      if (existsSync(keyFile)) renameSync(keyFile, `${keyFile}.before-restore-${stamp}`)
      writeFileSync(keyFile, `${documentKey.toString('base64')}\n`, { mode: 0o600 })
      keyRestored = true
    }
    return { previous: previous ? path.relative(process.cwd(), previous) : null, keyRestored }
  } finally {
    lock.release()
  }
}
