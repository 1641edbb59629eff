import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { type DataDirLock, lockDataDir } from './lock.js'
import type { DB } from './schema.js'

export type DatabaseKind = 'embedded' | 'postgres'

export interface Database {
  db: Kysely<DB>
  kind: DatabaseKind
  pool: pg.Pool
  /** The PGlite instance, for backup; null on a PostgreSQL server. */
  pglite: PGlite | null
  close(): Promise<void>
}

// Timestamps become Date objects; int8 counts come back as strings unless cast in SQL.
// Both databases go through these same parsers, since PGlite speaks the wire protocol to pg.
// A calendar date (an agreement's end) stays 'YYYY-MM-DD': as a Date it would shift with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)

/** Named statements are planned for each call's values (see PreparingClient). */
const CUSTOM_PLANS = 'plan_cache_mode=force_custom_plan'

/** Distinct statements a connection keeps parsed; the least recently used is deallocated beyond this. */
export const PREPARED_PER_CONNECTION = 100

/**
 * A pg client that names the statements Kysely sends, so each connection parses a statement
 * once and then only binds and executes it (decision 016). Plans stay custom
 * (plan_cache_mode = force_custom_plan, set when the connection starts): a plan made for one
 * search or filter value would be wrong for another. The least recently used statement is
 * deallocated before a new one beyond the limit runs.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>()
  #next = 0

  constructor(config?: string | pg.ClientConfig) {
    super(config)
    // A connection the server ends while it is lent out (inside a transaction, between two
    // queries) reports an 'error' event that nothing else listens to, which would end the process.
    // The pending or next query fails instead (with 503, see http/errors.ts), and the pool drops
    // the client when it comes back (it is no longer queryable).
    this.on('error', () => {})
  }

  // pg's overloads, loosely typed; only (text, values), as Kysely calls it, is rewritten
  override query(config: any, values?: any, callback?: any): any {
    // Without parameters pg uses the simple protocol, which also runs the migrations' scripts of several statements.
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || callback) {
      return super.query(config, values, callback)
    }
    let name = this.#names.get(config)
    if (name) {
      this.#names.delete(config)
      this.#names.set(config, name)
      return super.query({ name, text: config, values })
    }
    name = `meridian_${++this.#next}`
    this.#names.set(config, name)
    const named = { name, text: config, values }
    if (this.#names.size <= PREPARED_PER_CONNECTION) return super.query(named)
    // Deallocate the least recently used first, then run this one (one query at a time on a client).
    const [oldText, oldName] = this.#names.entries().next().value as [string, string]
    this.#names.delete(oldText)
    delete (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[oldName]
    return super.query(`deallocate ${oldName}`).then(() => super.query(named))
  }
}

function preparingPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, Client: PreparingClient as unknown as typeof pg.Client })
  // An idle connection that the server ends (a restart, an administrator, a dropped test
  // database) is taken out of the pool, and the next query opens a new one; unhandled, the
  // error would end the process.
  pool.on('error', () => {})
  return pool
}

/** One code path: Kysely over a pg.Pool, whose connection is a PostgreSQL server or PGlite. */
export async function openDatabase(options: { url?: string; dataDir: string; poolSize?: number }): Promise<Database> {
  if (options.url) return openServer(options.url, options.poolSize ?? 10)
  return openEmbedded(options.dataDir)
}

function openServer(url: string, max: number): Database {
  // A server that does not answer fails the request within seconds instead of holding it.
  const pool = preparingPool({
    connectionString: url,
    max,
    options: `-c ${CUSTOM_PLANS}`,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'postgres',
    pool,
    pglite: null,
    close: () => db.destroy(),
  }
}

export function embeddedDataPath(dataDir: string): string {
  return path.join(dataDir, 'pgdata')
}

async function openEmbedded(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true })
  const lock: DataDirLock = lockDataDir(dataDir)
  try {
    const pglite = await createPGlite(embeddedDataPath(dataDir))
    return wrapPGlite(pglite, () => lock.release())
  } catch (error) {
    lock.release()
    throw error
  }
}

export async function createPGlite(dir?: string, loadDataDir?: Blob): Promise<PGlite> {
  // A small shared_buffers keeps the WebAssembly heap modest; the OS page cache does the rest.
  return PGlite.create(dir, {
    loadDataDir,
    postgresqlconf: ['shared_buffers = 16MB', 'work_mem = 4MB', "timezone = 'UTC'", CUSTOM_PLANS.replace('=', ' = ')],
  })
}

/** An in-memory embedded database (tests), empty or loaded from a dumped data directory. */
export async function openMemoryDatabase(loadDataDir?: Blob): Promise<Database> {
  return wrapPGlite(await createPGlite(undefined, loadDataDir))
}

/** A Kysely database over an open PGlite; closing it closes the PGlite too. */
export function wrapPGlite(pglite: PGlite, onClose: () => void = () => {}): Database {
  const pool = preparingPool(createPgConfig(pglite))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'embedded',
    pool,
    pglite,
    async close() {
      await db.destroy()
      await pglite.close()
      onClose()
    },
  }
}
