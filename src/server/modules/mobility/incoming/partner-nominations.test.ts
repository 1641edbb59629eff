import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  demoInstitutions,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { buildUser } from '../../../../../test/factories.js'
import { DEMO_DOMAIN } from '../../../../shared/demo.js'

// A partner coordinator nominates their students to our electives (issue 6, point 9; decision 032).
describe.each(TEST_DB_KINDS)('partners nominating their students on %s', (kind) => {
  let t: TestApp
  let partner: Credentials
  let otherPartner: Credentials
  let officer: Credentials
  let callId: string
  let elective: string
  let partnerInstitution: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const url = '/api/partner/incoming-nominations'
  const mine = async (who = partner) => json(await call(who, 'GET', url)) as { id: string; email: string; status: string }[]

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    partner = await signInAs(t, 'partner')
    officer = await signInAs(t, 'officer')
    const institutions = await demoInstitutions(t)
    const partnerUser = await t.db
      .selectFrom('users')
      .select('institution_id')
      .where('role', '=', 'partner')
      .executeTakeFirstOrThrow()
    partnerInstitution = partnerUser.institution_id!
    const elsewhere = Object.values(institutions).find((id) => id !== partnerUser.institution_id)!
    otherPartner = await sessionFor(t, (await buildUser(t.db, { role: 'partner', institution_id: elsewhere })).id)
    const listed = await call(partner, 'GET', '/api/partner/incoming-calls')
    expect(listed.statusCode, listed.body).toBe(200)
    const calls = json(listed)
    expect(calls.length).toBeGreaterThan(0)
    callId = calls[0].id
    elective = calls[0].opportunities[0].id
  })
  afterAll(() => t?.close())

  it('is for partner coordinators only, and refuses bad input by field without changing anything', async () => {
    for (const who of [officer, await signInAs(t, 'student')]) {
      expect((await call(who, 'GET', '/api/partner/incoming-calls')).statusCode).toBe(403)
      expect(
        (await call(who, 'POST', url, { callId, opportunityId: elective, name: 'X', email: 'x@example.test' })).statusCode,
      ).toBe(403)
    }
    expect((await call(null, 'GET', url)).statusCode).toBe(401)
    const before = await countAudit(t)
    const outgoing = await t.db
      .selectFrom('calls')
      .select('id')
      .where('audience', '=', 'outgoing_students')
      .executeTakeFirstOrThrow()
    const cases: [object, string][] = [
      [{ opportunityId: elective, name: 'Rita Sousa', email: 'rita@uminho.example' }, 'body.callId'],
      [{ callId: outgoing.id, opportunityId: elective, name: 'Rita Sousa', email: 'rita@uminho.example' }, 'body.callId'],
      [{ callId, opportunityId: callId, name: 'Rita Sousa', email: 'rita@uminho.example' }, 'body.opportunityId'],
      [{ callId, opportunityId: elective, name: ' ', email: 'rita@uminho.example' }, 'body.name'],
      [{ callId, opportunityId: elective, name: 'Rita Sousa', email: 'not an address' }, 'body.email'],
    ]
    for (const [body, field] of cases) {
      const res = await call(partner, 'POST', url, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    expect(await countAudit(t)).toBe(before)
    expect(await mine()).toEqual([])
  })

  it('invites someone new, who finds a draft with the elective chosen once they join', async () => {
    t.mail.sent.length = 0
    const res = await call(partner, 'POST', url, {
      callId,
      opportunityId: elective,
      name: 'Rita Sousa',
      email: 'Rita.Sousa@uminho.example',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(t.mail.sent).toHaveLength(1)
    expect(t.mail.sent[0]!.subject).toMatch(/^You are nominated to .+: create your account$/)
    const token = /invitation#token=([\w-]+)/.exec(t.mail.sent[0]!.text)![1]!
    expect(await mine()).toMatchObject([{ email: 'rita.sousa@uminho.example', status: 'invited' }])
    // Once per call.
    const again = await call(partner, 'POST', url, {
      callId,
      opportunityId: elective,
      name: 'Rita',
      email: 'rita.sousa@uminho.example',
    })
    expect(json(again).errors[0]).toMatchObject({ path: 'body.email', message: 'is already nominated to this call' })
    // Another partner sees none of it.
    expect(await mine(otherPartner)).toEqual([])

    const joined = await call(null, 'POST', '/api/invitations/accept', {
      token,
      name: 'Rita Sousa',
      password: 'a long enough password',
    })
    expect(joined.statusCode, joined.body).toBeLessThan(300)
    const user = await t.db
      .selectFrom('users')
      .select(['id', 'role', 'institution_id'])
      .where('email', '=', 'rita.sousa@uminho.example')
      .executeTakeFirstOrThrow()
    const partnerUser = await t.db
      .selectFrom('users')
      .select('institution_id')
      .where('role', '=', 'partner')
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({ role: 'student', institution_id: partnerUser.institution_id })
    const rita = await sessionFor(t, user.id)
    const applications = json(await call(rita, 'GET', '/api/me/applications')).items
    expect(applications).toHaveLength(1)
    expect(applications[0]).toMatchObject({ call: { id: callId }, status: 'draft' })
    expect(applications[0].choices.map((c: { opportunityId: string }) => c.opportunityId)).toEqual([elective])
    expect(await mine()).toMatchObject([{ status: 'draft' }])
  })

  it('tells a student who has an account, and may take a nomination back while it is a draft', async () => {
    const student = await buildUser(t.db, {
      role: 'student',
      email: 'pedro.alves@uminho.example',
      name: 'Pedro Alves',
      institution_id: partnerInstitution,
    })
    t.mail.sent.length = 0
    const res = await call(partner, 'POST', url, { callId, opportunityId: elective, name: 'Pedro Alves', email: student.email })
    expect(res.statusCode, res.body).toBe(201)
    expect(t.mail.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^You are nominated to /)])
    const pedro = await sessionFor(t, student.id)
    expect(json(await call(pedro, 'GET', '/api/me/notifications')).items[0].subject).toMatch(/^You are nominated to /)
    expect(json(await call(pedro, 'GET', '/api/me/applications')).items).toHaveLength(1)

    const { id } = json(res)
    expect((await call(otherPartner, 'DELETE', `${url}/${id}`)).statusCode).toBe(404)
    expect((await call(partner, 'DELETE', `${url}/${id}`)).statusCode).toBe(204)
    expect(json(await call(pedro, 'GET', '/api/me/applications')).items).toHaveLength(0)
    expect((await call(partner, 'DELETE', `${url}/${id}`)).statusCode).toBe(409)
    expect((await mine()).find((n) => n.id === id)?.status).toBe('withdrawn')
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('occurred_at')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'withdraw'])
    // Withdrawn, the student may be nominated again.
    expect(
      (await call(partner, 'POST', url, { callId, opportunityId: elective, name: 'Pedro Alves', email: student.email }))
        .statusCode,
    ).toBe(201)
  })

  it('reaches only students of the nominating partner, never touches an invitation, and answers alike whoever the address is', async () => {
    const elsewhere = (await t.db
      .selectFrom('users')
      .select('institution_id')
      .where('id', '=', otherPartner.userId)
      .executeTakeFirstOrThrow())!.institution_id!
    const ours = await buildUser(t.db, { role: 'student', email: 'our.student@demo.example', institution_id: null })
    const theirs = await buildUser(t.db, { role: 'student', email: 'karolina@ki.example', institution_id: elsewhere })
    // The office has invited someone; a partner nominating the same address must not revoke it.
    t.mail.sent.length = 0
    const admin = await signInAs(t, 'admin')
    const invited = await call(admin, 'POST', '/api/invitations', { email: 'new.student@demo.example', role: 'student' })
    expect(invited.statusCode, invited.body).toBeLessThan(300)
    const officeInvitation = json(invited).id as string
    const officeToken = /invitation#token=([\w-]+)/.exec(t.mail.sent[0]!.text)![1]!
    t.mail.sent.length = 0
    const targets = [`officer@${DEMO_DOMAIN}`, ours.email, theirs.email, 'new.student@demo.example']
    const answers = []
    for (const email of targets) {
      const res = await call(partner, 'POST', url, { callId, opportunityId: elective, name: 'Someone', email })
      expect(res.statusCode, `${email}: ${res.body}`).toBe(201)
      answers.push(Object.keys(json(res)).sort())
    }
    // The same answer for an officer, our student, another partner's student and an invited address…
    expect(new Set(answers.map((a) => a.join()))).toHaveLength(1)
    // …and the same as for a stranger, who is invited as this partner's student.
    const stranger = await call(partner, 'POST', url, {
      callId,
      opportunityId: elective,
      name: 'Ana',
      email: 'ana@uminho.example',
    })
    expect(Object.keys(json(stranger)).sort()).toEqual(answers[0])
    expect(t.mail.sent.map((m) => m.to)).toEqual(['ana@uminho.example'])
    // Nobody but the stranger was reached: no drafts, no notifications, the office's invitation still pending.
    for (const user of [ours, theirs]) {
      const session = await sessionFor(t, user.id)
      expect(json(await call(session, 'GET', '/api/me/applications')).items).toHaveLength(0)
      expect(json(await call(session, 'GET', '/api/me/notifications')).items).toHaveLength(0)
    }
    const invitation = await t.db
      .selectFrom('invitations')
      .select(['revoked_at', 'accepted_at'])
      .where('id', '=', officeInvitation)
      .executeTakeFirstOrThrow()
    expect(invitation).toEqual({ revoked_at: null, accepted_at: null })
    // The partner sees each as invited, whoever it is.
    const listed = await mine()
    for (const email of targets) expect(listed.find((n) => n.email === email)?.status, email).toBe('invited')
    // The student the office invited joins as ours and finds no draft from the partner.
    const joined = await call(null, 'POST', '/api/invitations/accept', {
      token: officeToken,
      name: 'New Student',
      password: 'a long enough password',
    })
    expect(joined.statusCode, joined.body).toBeLessThan(300)
    const newcomer = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'new.student@demo.example')
      .executeTakeFirstOrThrow()
    expect(json(await call(await sessionFor(t, newcomer.id), 'GET', '/api/me/applications')).items).toHaveLength(0)
  })
})
