import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countAudit, createTestApp, json, signInAs, type TestApp } from '../../../test/app.js'
import { buildApp } from '../app.js'
import { loadEnv } from '../env.js'
import type { App } from './types.js'

// The embedded database can hang when its disk fills during a write: writes are refused first.
describe('a nearly full disk', () => {
  let t: TestApp
  let full: App
  beforeAll(async () => {
    t = await createTestApp({ demo: true })
    // The same data, served by an app that needs more free space than any disk has.
    const env = loadEnv({
      NODE_ENV: 'test',
      DATA_DIR: t.deps.env.dataDir,
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      MIN_FREE_DISK_MB: '999999',
    })
    full = await buildApp({ ...t.deps, env }, { webDir: null })
    await full.ready()
  })
  afterAll(async () => {
    await full?.close()
    await t?.close()
  })

  it('refuses every write at once with 503 saying why, keeps reads, and says so on the health check', async () => {
    const officer = await signInAs(t, 'officer')
    const before = await countAudit(t)
    const started = performance.now()
    const write = await full.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: { name: 'Renamed' },
    })
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(write.statusCode).toBe(503)
    expect(json(write).detail).toMatch(/disk is nearly full \(\d+ MB free, at least 999999 MB needed\)/)
    expect(await countAudit(t)).toBe(before)
    expect((await full.inject({ method: 'GET', url: '/api/me', headers: officer.headers })).statusCode).toBe(200)
    const health = json(await full.inject({ method: 'GET', url: '/api/health' }))
    expect(health).toMatchObject({ status: 'degraded', databaseReachable: true, disk: { minFreeMb: 999999, writable: false } })
    // The same data with the usual margin writes.
    expect(json(await t.app.inject({ method: 'GET', url: '/api/health' }))).toMatchObject({
      status: 'ok',
      disk: { writable: true },
    })
  })
})
