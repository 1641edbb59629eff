import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { EnvError, loadEnv } from '../../../env.js'

// The journeys move the server's clock instead of waiting for a call to close; only when asked for.
describe('the movable clock', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { MOVABLE_CLOCK: 'true' } })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('closes an open call for every reader once an officer moves it past the closing', async () => {
    const call = caller(t)
    const open = await t.db
      .selectFrom('calls')
      .select(['id', 'closes_at'])
      .where('status', '=', 'published')
      .where('opens_at', '<=', new Date())
      .where('closes_at', '>', new Date())
      .orderBy('closes_at')
      .executeTakeFirstOrThrow()
    expect(json(await call(null, 'GET', `/api/public/calls/${open.id}`)).phase).toBe('open')

    const student = await signInAs(t, 'student')
    expect((await call(student, 'POST', '/api/test/clock', { advanceMinutes: 5 })).statusCode).toBe(403)
    expect((await call(null, 'POST', '/api/test/clock', { advanceMinutes: 5 })).statusCode).toBe(401)
    const officer = await signInAs(t, 'officer')
    const bad = await call(officer, 'POST', '/api/test/clock', { advanceMinutes: 0 })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('advanceMinutes')

    const minutes = Math.ceil((open.closes_at.getTime() - Date.now()) / 60_000) + 1
    const moved = await call(officer, 'POST', '/api/test/clock', { advanceMinutes: minutes })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(new Date(json(moved).now).getTime()).toBeGreaterThan(open.closes_at.getTime())
    expect(json(await call(null, 'GET', `/api/public/calls/${open.id}`)).phase).toBe('closed')
    expect(new Date(json(await call(null, 'GET', '/api/health')).time).getTime()).toBeGreaterThan(open.closes_at.getTime())
    t.clock.reset()
    expect(json(await call(null, 'GET', `/api/public/calls/${open.id}`)).phase).toBe('open')
  })
})

describe('without MOVABLE_CLOCK', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('has no such route, and production refuses the setting', async () => {
    expect((await caller(t)(null, 'POST', '/api/test/clock', { advanceMinutes: 5 })).statusCode).toBe(404)
    expect(() => loadEnv({ NODE_ENV: 'production', MOVABLE_CLOCK: 'true', DATA_DIR: '/tmp/x' })).toThrow(EnvError)
    expect(() => loadEnv({ NODE_ENV: 'production', MOVABLE_CLOCK: 'true', DATA_DIR: '/tmp/x' })).toThrow(/MOVABLE_CLOCK/)
  })
})
