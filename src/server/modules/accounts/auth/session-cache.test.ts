import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type TestApp } from '../../../../../test/app.js'
import { buildUser } from '../../../../../test/factories.js'
import type { Authentication } from '../../../http/context.js'
import { SessionCache } from './session-cache.js'

const auth = (userId: string, sessionId: string): Authentication => ({
  actor: { id: userId, email: 'x@example.test', name: 'X', role: 'staff', orgUnitId: null, institutionId: null, locale: 'en' },
  via: 'session',
  sessionId,
  csrfToken: 'c',
})

describe('SessionCache', () => {
  it('forgets entries after five seconds, by user and by session', () => {
    const cache = new SessionCache()
    cache.set('a', auth('u1', 's1'), 0)
    cache.set('b', auth('u1', 's2'), 0)
    cache.set('c', auth('u2', 's3'), 0)
    expect(cache.get('a', 4_999)).not.toBeNull()
    expect(cache.get('a', 5_000)).toBeNull()
    cache.forgetUser('u1')
    expect(cache.get('b', 1)).toBeNull()
    expect(cache.get('c', 1)).not.toBeNull()
    cache.forgetSession('s3')
    expect(cache.get('c', 1)).toBeNull()
  })
})

describe('cached sessions never outlive a change', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ demo: true })
  })
  afterAll(() => t?.close())

  const headersOf = async (role: 'admin' | 'officer') => (await sessionFor(t, (await buildUser(t.db, { role })).id)).headers
  const patch = (headers: Record<string, string>, id: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload,
    })

  it('a demoted admin is refused on the very next request', async () => {
    const boss = await headersOf('admin')
    const other = await buildUser(t.db, { role: 'admin' })
    const otherHeaders = (await sessionFor(t, other.id)).headers
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: otherHeaders })).statusCode).toBe(200)
    expect((await patch(boss, other.id, { role: 'officer' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: otherHeaders })).statusCode).toBe(403)
  })

  it('a deactivated account is signed out on the very next request', async () => {
    const boss = await headersOf('admin')
    const person = await buildUser(t.db, { role: 'officer' })
    const personHeaders = (await sessionFor(t, person.id)).headers
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: personHeaders })).statusCode).toBe(200)
    expect((await patch(boss, person.id, { active: false })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: personHeaders })).statusCode).toBe(401)
  })
})
