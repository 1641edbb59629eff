import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { type Database, openDatabase, openMemoryDatabase } from '../src/server/db/database.js'
import { migrateToLatest } from '../src/server/db/migrate.js'
import { seedDemo } from '../src/server/db/seed/demo.js'

export type TestDbKind = 'embedded' | 'postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded data directory, dumped once for the run by test/global-setup.ts. */
    embeddedTemplate: string
    /** The same with the demo data. */
    embeddedDemoTemplate: string
  }
}

const templates = new Map<'embeddedTemplate' | 'embeddedDemoTemplate', Blob | null>()

/**
 * The migrated data directory the run's global set-up dumped: loading it takes a tenth of the
 * time of migrating a new database. Outside a Vitest run (or without the set-up) there is none.
 */
function embeddedTemplate(which: 'embeddedTemplate' | 'embeddedDemoTemplate' = 'embeddedTemplate'): Blob | null {
  if (templates.has(which)) return templates.get(which)!
  let file: string | undefined
  try {
    file = inject(which)
  } catch {
    file = undefined
  }
  const template = file && existsSync(file) ? new Blob([readFileSync(file)]) : null
  templates.set(which, template)
  return template
}

/** A fresh database with the demo data: the run's seeded template when there is one, else seeded here. */
export async function createDemoDatabase(kind: TestDbKind = DEFAULT_DB_KIND): Promise<Database> {
  const template = kind === 'embedded' ? embeddedTemplate('embeddedDemoTemplate') : null
  if (template) return openMemoryDatabase(template)
  const database = await createTestDatabase(kind)
  await seedDemo(database.db)
  return database
}

/** The kinds to run a suite on: the embedded one always, the server too when TEST_DATABASE_URL is set. */
export const TEST_DB_KINDS: TestDbKind[] = process.env.TEST_DATABASE_URL ? ['postgres', 'embedded'] : ['embedded']
/** The one kind for suites that need not run twice: the server when there is one. */
export const DEFAULT_DB_KIND: TestDbKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded'

/**
 * A fresh, migrated database: an in-memory PGlite, or a new database on the server named by
 * TEST_DATABASE_URL, dropped again by close().
 */
export async function createTestDatabase(kind: TestDbKind = DEFAULT_DB_KIND): Promise<Database> {
  if (kind === 'embedded') {
    const template = embeddedTemplate()
    if (template) return openMemoryDatabase(template)
    const database = await openMemoryDatabase()
    await migrateToLatest(database.db)
    return database
  }
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `meridian_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: 5 })
  await migrateToLatest(database.db)
  return {
    ...database,
    async close() {
      await database.close()
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
