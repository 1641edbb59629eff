import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countAudit, createTestApp, json, sessionFor, type TestApp } from '../../../../../test/app.js'
import { buildUser, TEST_PASSWORD } from '../../../../../test/factories.js'
import { DEMO_PASSWORD, demoEmail } from '../../../db/seed/demo.js'
import { settlePasswordResets } from './auth.service.js'
import { FREE_FAILURES } from './throttle.js'
import { hashToken } from './tokens.js'

const JSON_HEADERS = { 'content-type': 'application/json' }

describe('accounts and sessions', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ demo: true })
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

  it('slows guesses at an account from many addresses, but lets the owner in from an address they used before', async () => {
    const user = await buildUser(t.db)
    expect((await signIn(user.email, TEST_PASSWORD, '10.1.9.9')).statusCode).toBe(200)
    for (let i = 0; i < FREE_FAILURES.account; i++) {
      expect((await signIn(user.email, 'wrong-password', `10.1.0.${i}`)).statusCode).toBe(401)
    }
    const limited = await signIn(user.email, TEST_PASSWORD, '10.1.1.1')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // Refused guesses are not checked and do not lengthen the wait.
    for (let i = 0; i < 10; i++) expect((await signIn(user.email, 'wrong-password', `10.1.2.${i}`)).statusCode).toBe(429)
    const still = await signIn(user.email, TEST_PASSWORD, '10.1.1.1')
    expect(Number(still.headers['retry-after'])).toBeLessThanOrEqual(Number(limited.headers['retry-after']))
    // The owner, at the address they signed in from before, is let in with the right password.
    expect((await signIn(user.email, TEST_PASSWORD, '10.1.9.9')).statusCode).toBe(200)

    // An account that does not exist is slowed the same way, so 429 reveals nothing.
    for (let i = 0; i < FREE_FAILURES.account; i++) await signIn('ghost@example.test', 'wrong-password', `10.2.0.${i}`)
    expect((await signIn('ghost@example.test', 'wrong-password', '10.2.1.1')).statusCode).toBe(429)
  })

  it('slows one address and account pair after five failures, with a delay that doubles', async () => {
    const user = await buildUser(t.db)
    for (let i = 0; i < FREE_FAILURES.pair; i++)
      expect((await signIn(user.email, 'wrong-password', '10.5.0.1')).statusCode).toBe(401)
    const first = await signIn(user.email, TEST_PASSWORD, '10.5.0.1')
    expect(first.statusCode).toBe(429)
    expect(first.headers['retry-after']).toBe('1')
    // A second later the next guess is checked; failing, it doubles the wait.
    const age = (seconds: number) =>
      t.db
        .updateTable('sign_in_attempts')
        .set({ occurred_at: sql`occurred_at - make_interval(secs => ${seconds})` })
        .where('ip', '=', '10.5.0.1')
        .execute()
    await age(2)
    expect((await signIn(user.email, 'wrong-password', '10.5.0.1')).statusCode).toBe(401)
    expect((await signIn(user.email, TEST_PASSWORD, '10.5.0.1')).headers['retry-after']).toBe('2')
    await age(3)
    // The right password goes through once the wait is over; a delay never refuses it for good.
    expect((await signIn(user.email, TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(200)
  })

  it('checks at most five passwords when forty guesses arrive at once', async () => {
    const user = await buildUser(t.db)
    const answers = await Promise.all(Array.from({ length: 40 }, () => signIn(user.email, 'wrong-password', '10.6.0.1')))
    const codes = answers.map((a) => a.statusCode)
    expect(codes.filter((c) => c === 401)).toHaveLength(FREE_FAILURES.pair)
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - FREE_FAILURES.pair)
    const checked = await t.db
      .selectFrom('sign_in_attempts')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ip', '=', '10.6.0.1')
      .where('outcome', '=', 'bad_password')
      .executeTakeFirstOrThrow()
    expect(checked.n).toBe(FREE_FAILURES.pair)
  })

  it('slows an address that guesses at many accounts, except for the people who sign in from it', async () => {
    expect((await signIn(demoEmail('reviewer'), DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(200)
    // Failures written straight to the log: a hundred argon2 checks would only slow the suite.
    await t.db
      .insertInto('sign_in_attempts')
      .values(
        Array.from({ length: FREE_FAILURES.address }, (_, i) => ({
          kind: 'sign_in',
          email_hash: `spray-${i}`,
          user_id: null,
          ip: '10.3.0.1',
          outcome: 'unknown_account',
        })),
      )
      .execute()
    expect((await signIn(demoEmail('coordinator'), DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(429)
    // Someone who signed in from this address before is not held up by the guesser beside them.
    expect((await signIn(demoEmail('reviewer'), DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(200)
    expect((await signIn(demoEmail('coordinator'), DEMO_PASSWORD, '10.3.0.2')).statusCode).toBe(200)
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
      payload: { name: 'Reporting script', expiresInDays: 30, password: TEST_PASSWORD },
    })
    expect(created.statusCode).toBe(201)
    const { token, id } = json(created)
    expect(new Date(json(created).expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
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
    // The answer came before the work: the mail is queued after it.
    await settlePasswordResets()
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

  it('asks the password again to create or renew a token, which expires in 90 days unless said', async () => {
    const user = await buildUser(t.db)
    const { headers } = await sessionFor(t, user.id)
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: { ...headers, ...JSON_HEADERS }, payload })
    const before = await countAudit(t)
    const noPassword = await post('/api/me/tokens', { name: 'Script' })
    expect(json(noPassword).errors[0].path).toBe('body.password')
    const wrong = await post('/api/me/tokens', { name: 'Script', password: 'not my password' })
    expect(wrong.statusCode).toBe(400)
    expect(json(wrong).errors[0]).toEqual({ path: 'body.password', message: 'is not your current password' })
    expect(await countAudit(t)).toBe(before)
    const created = await post('/api/me/tokens', { name: 'Script', password: TEST_PASSWORD })
    expect(created.statusCode).toBe(201)
    const days = (iso: string) => Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000)
    expect(days(json(created).expiresAt)).toBe(90)
    expect(
      json(await post('/api/me/tokens', { name: 'Forever', expiresInDays: 5000, password: TEST_PASSWORD })).errors[0].path,
    ).toBe('body.expiresInDays')
    // Renewed from today, for the days asked.
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where('id', '=', json(created).id)
      .execute()
    const renewed = await post(`/api/me/tokens/${json(created).id}/renewal`, { expiresInDays: 30, password: TEST_PASSWORD })
    expect(renewed.statusCode, renewed.body).toBe(200)
    expect(days(json(renewed).expiresAt)).toBe(30)
    expect((await post(`/api/me/tokens/${json(created).id}/renewal`, { password: 'wrong' })).statusCode).toBe(400)
    const stranger = await sessionFor(t, (await buildUser(t.db)).id)
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/me/tokens/${json(created).id}/renewal`,
      headers: { ...stranger.headers, ...JSON_HEADERS },
      payload: { password: TEST_PASSWORD },
    })
    expect(theirs.statusCode).toBe(404)
    // An expired token no longer works.
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', json(created).id)
      .execute()
    const bearer = { authorization: `Bearer ${json(created).token}` }
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401)
  })

  it('revokes every API token when the password is changed or reset', async () => {
    const user = await buildUser(t.db)
    const { headers } = await sessionFor(t, user.id)
    const mint = async (password: string) =>
      json(
        await t.app.inject({
          method: 'POST',
          url: '/api/me/tokens',
          headers: { ...headers, ...JSON_HEADERS },
          payload: { name: 'Script', password },
        }),
      ).token as string
    const works = async (token: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode
    const first = await mint(TEST_PASSWORD)
    expect(await works(first)).toBe(200)
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { ...headers, ...JSON_HEADERS },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'my second passphrase' },
    })
    expect(changed.statusCode).toBe(204)
    expect(await works(first)).toBe(401)

    const second = await mint('my second passphrase')
    expect(await works(second)).toBe(200)
    const token = 'reset-token-for-the-test'
    await t.db
      .insertInto('password_resets')
      .values({ user_id: user.id, token_hash: hashToken(token), expires_at: new Date(Date.now() + 600_000) })
      .execute()
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      headers: JSON_HEADERS,
      payload: { token, password: 'my third passphrase' },
    })
    expect(reset.statusCode).toBe(204)
    expect(await works(second)).toBe(401)
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', user.id)
      .where('action', 'in', ['password_changed', 'password_reset'])
      .orderBy('occurred_at')
      .execute()
    expect(audit.map((a) => [a.action, (a.after as { tokensRevoked: number }).tokensRevoked])).toEqual([
      ['password_changed', 1],
      ['password_reset', 1],
    ])
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
    t = await createTestApp({ demo: true })
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
