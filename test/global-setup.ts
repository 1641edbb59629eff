import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openMemoryDatabase } from '../src/server/db/database.js'
import { migrateToLatest } from '../src/server/db/migrate.js'

// Once per run: an embedded database migrated to the latest version, dumped to a file that every
// suite's fresh embedded database is loaded from (test/db.ts) instead of migrating its own.
export default async function setup(project: TestProject) {
  const database = await openMemoryDatabase()
  await migrateToLatest(database.db)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  const file = path.join(tmpdir(), `meridian-test-template-${process.pid}.tar`)
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('embeddedTemplate', file)
  return () => rmSync(file, { force: true })
}
