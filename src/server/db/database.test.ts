import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DB_KINDS } from '../../../test/db.js'
import { type Database, PREPARED_PER_CONNECTION } from './database.js'

describe.each(TEST_DB_KINDS)('prepared statements on %s', (kind) => {
  let database: Database
  beforeAll(async () => {
    database = await createTestDatabase(kind)
  })
  afterAll(() => database?.close())

  it('parses a statement once per connection, keeps a bounded number and plans each call for its values', async () => {
    const client = await database.pool.connect()
    try {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++) {
          const { rows } = await client.query(`select $1::int + ${i} as n`, [round])
          expect(rows[0].n).toBe(round + i)
        }
      }
      const kept = await client.query('select count(*)::int as n from pg_prepared_statements')
      expect(kept.rows[0].n).toBeLessThanOrEqual(PREPARED_PER_CONNECTION)
      expect(kept.rows[0].n).toBeGreaterThan(0)
      const mode = await client.query('show plan_cache_mode')
      expect(mode.rows[0].plan_cache_mode).toBe('force_custom_plan')
    } finally {
      client.release()
    }
  })

  it('survives the server ending its idle connections, and opens new ones', async () => {
    if (kind !== 'postgres') return // PGlite runs in this process: nothing else can end its connection
    // Several pooled connections, then all but the one asking are ended by the server.
    await Promise.all([1, 2, 3].map((n) => sql`select pg_sleep(0.05), ${n}::int`.execute(database.db)))
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const rows = await Promise.all([1, 2, 3].map((n) => sql<{ n: number }>`select ${n}::int as n`.execute(database.db)))
    expect(rows.map((r) => r.rows[0]!.n)).toEqual([1, 2, 3])
  })

  it('still runs a script of several statements without parameters', async () => {
    await sql`create table script_a (x int); create table script_b (y int); drop table script_a; drop table script_b`.execute(
      database.db,
    )
  })
})
