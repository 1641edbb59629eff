import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openMemoryDatabase } from '../src/server/db/database.js'
import { migrateToLatest } from '../src/server/db/migrate.js'
import { seedDemo } from '../src/server/db/seed/demo.js'

// Once per run: an embedded database migrated to the latest version, and the same with the demo
// data, each dumped to a file that every suite's fresh embedded database is loaded from (test/db.ts)
// instead of migrating (and seeding) its own.
export default async function setup(project: TestProject) {
  const database = await openMemoryDatabase()
  await migrateToLatest(database.db)
  const migrated = await database.pglite!.dumpDataDir('none')
  // The same with the demo data, for the suites that ask for it (test/app.ts).
  await seedDemo(database.db)
  const demo = await database.pglite!.dumpDataDir('none')
  await database.close()
  const files = {
    embeddedTemplate: path.join(tmpdir(), `meridian-test-template-${process.pid}.tar`),
    embeddedDemoTemplate: path.join(tmpdir(), `meridian-test-demo-template-${process.pid}.tar`),
  }
  writeFileSync(files.embeddedTemplate, Buffer.from(await migrated.arrayBuffer()))
  writeFileSync(files.embeddedDemoTemplate, Buffer.from(await demo.arrayBuffer()))
  project.provide('embeddedTemplate', files.embeddedTemplate)
  project.provide('embeddedDemoTemplate', files.embeddedDemoTemplate)
  return () => {
    for (const file of Object.values(files)) rmSync(file, { force: true })
  }
}
