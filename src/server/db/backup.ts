import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createPGlite, embeddedDataPath } from './database.js'
import { lockDataDir } from './lock.js'

/**
 * Backup and restore of the embedded database as a gzipped copy of its data directory.
 * Both take the data directory's lock, so Meridian must be stopped first. For a PostgreSQL
 * server, use pg_dump and pg_restore (README).
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(embeddedDataPath(dataDir))) throw new Error(`There is no embedded database in ${dataDir}.`)
  const lock = lockDataDir(dataDir)
  try {
    const pglite = await createPGlite(embeddedDataPath(dataDir))
    try {
      const blob = await pglite.dumpDataDir('gzip')
      const bytes = Buffer.from(await blob.arrayBuffer())
      const tmp = `${file}.partial`
      writeFileSync(tmp, bytes)
      renameSync(tmp, file)
      return { bytes: bytes.length }
    } finally {
      await pglite.close()
    }
  } finally {
    lock.release()
  }
}

export async function restoreEmbedded(dataDir: string, file: string): Promise<{ previous: string | null }> {
  const data = readFileSync(file)
  if (data[0] !== 0x1f || data[1] !== 0x8b)
    throw new Error(`${file} is not a Meridian backup (a .tar.gz from "meridian backup").`)
  const lock = lockDataDir(dataDir)
  const target = embeddedDataPath(dataDir)
  const staging = `${target}.restoring`
  try {
    rmSync(staging, { recursive: true, force: true })
    // Restore into a staging folder and check it opens, before the current data is touched.
    const pglite = await createPGlite(staging, new Blob([data]))
    try {
      await pglite.query('select count(*) from meridian_migrations')
    } catch (error) {
      await pglite.close()
      rmSync(staging, { recursive: true, force: true })
      throw new Error(`${file} does not hold a Meridian database: ${(error as Error).message}`)
    }
    await pglite.close()
    let previous: string | null = null
    if (existsSync(target)) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
      renameSync(target, previous)
    }
    renameSync(staging, target)
    return { previous: previous ? path.relative(process.cwd(), previous) : null }
  } finally {
    lock.release()
  }
}
