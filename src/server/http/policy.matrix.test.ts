import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type TestApp, userIdByRole } from '../../../test/app.js'
import { TEST_DB_KINDS } from '../../../test/db.js'
import { ROLES, type Role } from '../../shared/roles.js'
import { registerGuard, routeTableOf } from './guard.js'
import { evaluatePolicy, type Policy, Public } from './policy.js'

/**
 * Every API route × every role and anonymous: the route's declared policy decides 401/403, and
 * an allowed caller never gets either. The table comes from the app itself, so a new route is
 * checked without anyone adding it here, and a route without a policy cannot even register.
 */
describe.each(TEST_DB_KINDS)('policy matrix on %s', (kind) => {
  let t: TestApp
  const userIds = new Map<Role, string>()

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    for (const role of ROLES) userIds.set(role, await userIdByRole(t, role))
  })
  afterAll(() => t?.close())

  it('knows the API routes and each has a policy', () => {
    const routes = routeTableOf(t.app).filter((r) => r.method !== 'HEAD')
    expect(routes.length).toBeGreaterThan(20)
    for (const r of routes) expect(r.policy, `${r.method} ${r.url}`).toBeDefined()
  })

  it('matches the reviewed table of who may call what (policy.matrix.snapshot.txt)', async () => {
    // A new route or a changed policy changes this file: review the diff, then run vitest -u.
    const lines = routeTableOf(t.app)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => {
        const who = [null, ...ROLES]
          .filter((role) => evaluatePolicy(r.policy, role) === 'allowed')
          .map((role) => role ?? 'anonymous')
        return `${r.method.padEnd(6)} ${r.url.padEnd(40)} ${who.join(' ')}`
      })
      .sort()
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./policy.matrix.snapshot.txt')
  })

  it('refuses or admits every caller as the route declares', async () => {
    const failures: string[] = []
    for (const route of routeTableOf(t.app).filter((r) => r.method !== 'HEAD')) {
      const url = route.url.replace(/:(\w+)/g, () => randomUUID())
      for (const role of [null, ...ROLES]) {
        const headers: Record<string, string> = role ? (await sessionFor(t, userIds.get(role)!)).headers : {}
        const write = !['GET', 'HEAD', 'OPTIONS'].includes(route.method)
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: write ? { ...headers, 'content-type': 'application/json' } : headers,
          payload: write ? '{}' : undefined,
        })
        const expected = evaluatePolicy(route.policy, role)
        const ok =
          expected === 'allowed'
            ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
            : res.statusCode === (expected === 'unauthenticated' ? 401 : 403)
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${role ?? 'anonymous'}: ${res.statusCode} (expected ${expected}) ${res.body.slice(0, 120)}`,
          )
      }
    }
    expect(failures).toEqual([])
  })

  it('will not register a route without a policy', async () => {
    const bare = Fastify()
    registerGuard(bare, async () => null)
    expect(() => bare.get('/api/without-policy', async () => ({}))).toThrow(/declares no policy/)
    expect(() => bare.get('/api/with-policy', { config: { policy: Public } }, async () => ({}))).not.toThrow()
    await bare.close()
  })

  it('checks the policy before the body, so a refused caller learns nothing from validation', async () => {
    const student = await sessionFor(t, userIds.get('student')!)
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${randomUUID()}`,
      headers: { ...student.headers, 'content-type': 'application/json' },
      payload: '{"role":"admin","nonsense":true}',
    })
    expect(res.statusCode).toBe(403)
  })
})

describe('evaluatePolicy', () => {
  const cases: [Policy, Role | null, string][] = [
    [{ kind: 'public' }, null, 'allowed'],
    [{ kind: 'signed-in' }, null, 'unauthenticated'],
    [{ kind: 'signed-in' }, 'partner', 'allowed'],
    [{ kind: 'roles', roles: ['admin'] }, 'officer', 'forbidden'],
    [{ kind: 'roles', roles: ['admin', 'officer'] }, 'officer', 'allowed'],
  ]
  it.each(cases)('%j for %s is %s', (policy, role, outcome) => {
    expect(evaluatePolicy(policy, role)).toBe(outcome)
  })
})
