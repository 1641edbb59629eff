import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countAudit, createTestApp, json, sessionFor, type TestApp } from '../../../../test/app.js'
import { buildUser, TEST_PASSWORD } from '../../../../test/factories.js'
import { DEMO_PASSWORD, demoEmail } from '../../db/seed/demo.js'
import { MAX_FAILURES_PER_ACCOUNT } from './auth.service.js'

const JSON_HEADERS = { 'content-type': 'application/json' }

describe('accounts and sessions', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t?.close())

  const signIn = (email: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: JSON_HEADERS,
      payload: { email, password },
      remoteAddress: ip,
    })

  it('signs in with an httpOnly SameSite cookie and hands out a CSRF token', async () => {
    const res = await signIn(demoEmail('officer'), DEMO_PASSWORD)
    expect(res.statusCode).toBe(200)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/meridian_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(json(res).user.role).toBe('officer')
    expect(json(res).csrfToken).toMatch(/.{20,}/)
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookie.split(';')[0]! } })
    expect(json(session).user.email).toBe(demoEmail('officer'))
  })

  it('answers alike for an unknown e-mail, a wrong password and a deactivated account', async () => {
    const inactive = await buildUser(t.db, { active: false })
    const answers = await Promise.all([
      signIn('nobody@example.test', 'whatever-password', '10.0.1.1'),
      signIn(demoEmail('staff'), 'wrong-password', '10.0.1.2'),
      signIn(inactive.email, TEST_PASSWORD, '10.0.1.3'),
    ])
    for (const res of answers) {
      expect(res.statusCode).toBe(401)
      expect(json(res).detail).toBe('The e-mail or the password is not right.')
    }
    const logged = await t.db
      .selectFrom('sign_in_attempts')
      .select(['outcome', 'email_hash'])
      .where('ip', 'like', '10.0.1.%')
      .execute()
    expect(logged.map((r) => r.outcome).sort()).toEqual(['bad_password', 'inactive_account', 'unknown_account'])
    // The attempt log keeps a keyed fingerprint, never the address itself.
    expect(logged.every((r) => !r.email_hash.includes('@'))).toBe(true)
  })

  it('limits failed sign-ins per account, whatever the address, with Retry-After', async () => {
    const user = await buildUser(t.db)
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await signIn(user.email, 'wrong-password', `10.1.0.${i}`)).statusCode).toBe(401)
    }
    const limited = await signIn(user.email, TEST_PASSWORD, '10.1.1.1')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)

    // An account that does not exist is limited the same way, so 429 reveals nothing.
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn('ghost@example.test', 'wrong-password', `10.2.0.${i}`)
    expect((await signIn('ghost@example.test', 'wrong-password', '10.2.1.1')).statusCode).toBe(429)
  })

  it('tells a limited account how long it really has to wait', async () => {
    // An older failure from the same address, for someone else, must not shorten the account's wait.
    await signIn('someone-else@example.test', 'wrong-password', '10.5.0.1')
    await t.db
      .updateTable('sign_in_attempts')
      .set({ occurred_at: new Date(Date.now() - 14 * 60_000) })
      .where('ip', '=', '10.5.0.1')
      .execute()
    const user = await buildUser(t.db)
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn(user.email, 'wrong-password', '10.5.0.1')
    const limited = await signIn(user.email, TEST_PASSWORD, '10.5.0.1')
    expect(limited.statusCode).toBe(429)
    // The account's five failures are a moment old: about fifteen minutes, not the one minute
    // left to the other account's failure.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(14 * 60)
  })

  it('limits failed sign-ins per address across accounts', async () => {
    for (let i = 0; i < 30; i++) await signIn(`spray${i}@example.test`, 'wrong-password', '10.3.0.1')
    expect((await signIn(demoEmail('reviewer'), DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(429)
    expect((await signIn(demoEmail('reviewer'), DEMO_PASSWORD, '10.3.0.2')).statusCode).toBe(200)
  })

  it('ends a session at sign-out, after idle time and at its absolute expiry', async () => {
    const user = await buildUser(t.db)
    const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/me', headers })
    const a = await sessionFor(t, user.id)
    expect((await me(a.headers)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: a.headers })).statusCode).toBe(204)
    expect((await me(a.headers)).statusCode).toBe(401)

    const b = await sessionFor(t, user.id)
    const idle = new Date(Date.now() - (t.deps.env.SESSION_IDLE_MINUTES + 1) * 60_000)
    await t.db.updateTable('sessions').set({ last_seen_at: idle }).where('user_id', '=', user.id).execute()
    expect((await me(b.headers)).statusCode).toBe(401)

    const c = await sessionFor(t, user.id)
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    expect((await me(c.headers)).statusCode).toBe(401)
  })

  it('refuses a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const user = await buildUser(t.db, { name: 'Before' })
    const { headers } = await sessionFor(t, user.id)
    const before = await countAudit(t)
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: headers.cookie!, ...JSON_HEADERS },
      payload: { name: 'After' },
    })
    expect(res.statusCode).toBe(403)
    const row = await t.db.selectFrom('users').select('name').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.name).toBe('Before')
    expect(await countAudit(t)).toBe(before)
  })

  it('accepts a tampered cookie as no session at all', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'meridian_session=forged.value' } })
    expect(res.statusCode).toBe(401)
  })

  it('issues personal API tokens that work without CSRF, are stored hashed and can be revoked', async () => {
    const user = await buildUser(t.db, { role: 'officer' })
    const { headers } = await sessionFor(t, user.id)
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { ...headers, ...JSON_HEADERS },
      payload: { name: 'Reporting script', expiresInDays: 30 },
    })
    expect(created.statusCode).toBe(201)
    const { token, id } = json(created)
    expect(token).toMatch(/^mrd_/)
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(token)
    const bearer = { authorization: `Bearer ${token}` }
    expect(json(await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).id).toBe(user.id)
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { ...bearer, ...JSON_HEADERS },
      payload: { name: 'Via token' },
    })
    expect(write.statusCode).toBe(200)
    // Someone else cannot revoke it; the owner can.
    const other = await sessionFor(t, (await buildUser(t.db)).id)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: other.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401)
  })

  it('resets a password by an e-mailed one-time token and ends the old sessions', async () => {
    const user = await buildUser(t.db)
    const old = await sessionFor(t, user.id)
    const ask = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        headers: JSON_HEADERS,
        payload: { email },
        remoteAddress: '10.9.0.1',
      })
    const known = await ask(user.email.toUpperCase())
    const unknown = await ask('nobody-here@example.test')
    expect(known.statusCode).toBe(202)
    expect(unknown.statusCode).toBe(202)
    expect(json(known)).toEqual(json(unknown))
    const mail = t.mail.sent.find((m) => m.to === user.email)
    expect(mail?.subject).toMatch(/Reset/)
    const token = /#token=([\w-]+)/.exec(mail!.text)![1]!
    const confirm = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        headers: JSON_HEADERS,
        payload: { token, password },
      })
    expect((await confirm('short')).statusCode).toBe(400)
    expect((await confirm('a brand new password')).statusCode).toBe(204)
    expect((await confirm('another new password')).statusCode).toBe(400) // spent
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: old.headers })).statusCode).toBe(401)
    expect((await signIn(user.email, 'a brand new password', '10.9.0.2')).statusCode).toBe(200)
  })

  it('changes the password only with the current one', async () => {
    const user = await buildUser(t.db)
    const { headers } = await sessionFor(t, user.id)
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: { ...headers, ...JSON_HEADERS },
        payload: { currentPassword, newPassword: 'my new passphrase' },
      })
    const wrong = await change('not my password')
    expect(wrong.statusCode).toBe(400)
    expect(json(wrong).errors[0].path).toBe('body.currentPassword')
    expect((await change(TEST_PASSWORD)).statusCode).toBe(204)
  })
})

describe('invitations', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t?.close())

  it('invites by e-mail with a role and scope; the invitee picks a password and is signed in', async () => {
    const admin = await sessionFor(
      t,
      (await t.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id,
    )
    const unit = await t.db.selectFrom('org_units').select('id').executeTakeFirstOrThrow()
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/invitations', headers: { ...admin.headers, ...JSON_HEADERS }, payload })
    const missingScope = await post({ email: 'new.coordinator@example.test', role: 'coordinator' })
    expect(missingScope.statusCode).toBe(400)
    expect(json(missingScope).errors[0].path).toBe('body.orgUnitId')
    const existing = await post({ email: demoEmail('student'), role: 'staff' })
    expect(existing.statusCode).toBe(409)

    const created = await post({
      email: 'New.Coordinator@example.test',
      name: 'Dana Nurlanovna',
      role: 'coordinator',
      orgUnitId: unit.id,
    })
    expect(created.statusCode).toBe(201)
    expect(json(created).email).toBe('new.coordinator@example.test')
    const mail = t.mail.sent.at(-1)!
    expect(mail.to).toBe('new.coordinator@example.test')
    const token = /#token=([\w-]+)/.exec(mail.text)![1]!

    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/lookup',
      headers: JSON_HEADERS,
      payload: { token },
    })
    expect(json(lookup)).toMatchObject({ email: 'new.coordinator@example.test', role: 'coordinator' })
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      headers: JSON_HEADERS,
      payload: { token, name: 'Dana Nurlanovna', password: 'a good long password' },
    })
    expect(accept.statusCode).toBe(201)
    expect(json(accept).user).toMatchObject({ role: 'coordinator', orgUnitId: unit.id })
    expect(String(accept.headers['set-cookie'])).toMatch(/meridian_session=/)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      headers: JSON_HEADERS,
      payload: { token, name: 'Someone', password: 'a good long password' },
    })
    expect(again.statusCode).toBe(400)
  })
})
