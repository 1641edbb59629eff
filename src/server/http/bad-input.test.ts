import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../test/app.js'
import { TEST_DB_KINDS } from '../../../test/db.js'

/** Bad input gets 400/413/415 as problem+json naming the field, and changes nothing. */
describe.each(TEST_DB_KINDS)('bad input on %s', (kind) => {
  let t: TestApp
  let admin: Credentials
  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    admin = await signInAs(t, 'admin')
  })
  afterAll(() => t?.close())

  const put = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/settings/institution',
      headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
      payload,
    })
  const valid = {
    name: 'Meridian State Medical University',
    kind: 'university',
    country: 'KZ',
    city: 'Almaty',
    website: null,
    erasmusCode: null,
    schacId: 'demo.meridian.test',
    rorId: null,
    languages: ['en', 'ru'],
    defaultLanguage: 'en',
  }

  async function expectUnchanged<T>(fn: () => Promise<T>): Promise<T> {
    const before = await t.db.selectFrom('institutions').selectAll().where('is_home', '=', true).executeTakeFirstOrThrow()
    const audits = await countAudit(t)
    const result = await fn()
    const after = await t.db.selectFrom('institutions').selectAll().where('is_home', '=', true).executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    expect(await countAudit(t)).toBe(audits)
    return result
  }

  it.each([
    ['malformed JSON', '{"name": "x",', 'body'],
    ['a wrong type', JSON.stringify({ ...valid, languages: 'en' }), 'body.languages'],
    ['an unknown field', JSON.stringify({ ...valid, founded: 1930 }), 'body.founded'],
    ['a bad country code', JSON.stringify({ ...valid, country: 'XX' }), 'body.country'],
    ['a bad Erasmus code', JSON.stringify({ ...valid, erasmusCode: 'BRAGA' }), 'body.erasmusCode'],
    ['a bad ROR id', JSON.stringify({ ...valid, rorId: 'not-a-ror' }), 'body.rorId'],
    ['a default language that is not enabled', JSON.stringify({ ...valid, defaultLanguage: 'ko' }), 'body.defaultLanguage'],
    ['a missing field', JSON.stringify({ ...valid, name: undefined }), 'body.name'],
  ])('refuses %s with 400 naming %s', async (_what, payload, path) => {
    const res = await expectUnchanged(() => put(payload))
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    const problem = json(res)
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path)
    expect(problem.requestId).toBe(res.headers['x-request-id'])
  })

  it.each([
    ['a NUL character', JSON.stringify({ ...valid, city: 'Alm\u0000aty' }), 'body.city', /NUL character \(U\+0000\)/],
    ['an unpaired surrogate', JSON.stringify({ ...valid, name: 'Meridian \ud800' }), 'body.name', /unpaired surrogate, U\+D800/],
    ['a lone low surrogate in a list', JSON.stringify({ ...valid, languages: ['en', '\udc00'] }), 'body.languages.1', /U\+DC00/],
    ['nesting 40 levels deep', `{"name":${'['.repeat(40)}${']'.repeat(40)}}`, /^body\.name(\.0)+$/, /nested more than 32 levels/],
  ])('refuses %s with 400 naming the field, before any schema', async (_what, payload, path, message) => {
    const res = await expectUnchanged(() => put(payload))
    expect(res.statusCode).toBe(400)
    expect(json(res).errors[0]).toMatchObject({
      path: typeof path === 'string' ? path : expect.stringMatching(path),
      message: expect.stringMatching(message),
    })
  })

  it('refuses NUL and broken characters in a query string and a path', async () => {
    const query = await t.app.inject({ method: 'GET', url: '/api/institutions?q=Minho%00', headers: admin.headers })
    expect(query.statusCode).toBe(400)
    expect(json(query).errors[0].path).toBe('querystring.q')
    const surrogate = await t.app.inject({ method: 'GET', url: '/api/users?q=%ED%A0%80', headers: admin.headers })
    expect(surrogate.statusCode).toBeLessThan(500)
    const path = await t.app.inject({ method: 'GET', url: '/api/institutions/%00', headers: admin.headers })
    expect(path.statusCode).toBe(400)
    expect(json(path).errors[0].path).toBe('params.id')
  })

  it('refuses an oversized body with 413', async () => {
    const res = await expectUnchanged(() => put(JSON.stringify({ ...valid, city: 'x'.repeat(200_000) })))
    expect(res.statusCode).toBe(413)
  })

  it('refuses a body that is not JSON with 415', async () => {
    const res = await expectUnchanged(() => put('name=x', { 'content-type': 'text/plain' }))
    expect(res.statusCode).toBe(415)
  })

  it('refuses a logo that is not the image it claims to be', async () => {
    const fake = `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`
    const res = await expectUnchanged(() =>
      t.app.inject({
        method: 'PUT',
        url: '/api/settings/institution/logo',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: { dataUrl: fake },
      }),
    )
    expect(res.statusCode).toBe(400)
    expect(json(res).errors[0].path).toBe('body.dataUrl')
  })

  it('refuses bad query parameters naming them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users?pageSize=100000&role=king', headers: admin.headers })
    expect(res.statusCode).toBe(400)
    const paths = json(res).errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['querystring.pageSize', 'querystring.role']))
  })

  it('accepts the valid body, normalising identifiers, and audits it', async () => {
    const audits = await countAudit(t)
    const res = await put(JSON.stringify({ ...valid, erasmusCode: 'kz almaty05', rorId: 'https://ror.org/037wpkx05' }))
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({
      erasmusCode: 'KZ ALMATY05',
      rorId: '037wpkx05',
      languages: ['en', 'ru'],
      demoAccounts: true,
    })
    expect(await countAudit(t)).toBe(audits + 1)
  })
})
