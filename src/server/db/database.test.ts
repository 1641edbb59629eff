import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DB_KINDS } from '../../../test/db.js'
import { type Database, PREPARED_PER_CONNECTION } from './database.js'

describe.each(TEST_DB_KINDS)('prepared statements on %s', (kind) => {
  let database: Database
  beforeAll(async () => {
    database = await createTestDatabase(kind)
  }, 60_000)
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

  it('still runs a script of several statements without parameters', async () => {
    await sql`create table script_a (x int); create table script_b (y int); drop table script_a; drop table script_b`.execute(
      database.db,
    )
  })
})
