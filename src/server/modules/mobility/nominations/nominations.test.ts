import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  createTestApp,
  json,
  publishDemoRound,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

// The demo's closed round of short electives, allocated and published, gives accepted places to nominate.
describe.each(TEST_DB_KINDS)('nomination to the host on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let reviewer: Credentials
  let otherPartner: Credentials
  let host: Credentials
  let callId: string
  const accepted: { id: string; who: Credentials; opportunityId: string }[] = []
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    otherPartner = await signInAs(t, 'partner')
    callId = await publishDemoRound(t, officer)
    const offered = await t.db
      .selectFrom('applications')
      .select(['id', 'applicant_id', 'offered_opportunity_id'])
      .where('call_id', '=', callId)
      .where('status', '=', 'offered')
      .orderBy('id')
      .execute()
    // Two places at one host that is not the demo partner's institution, so that the demo partner is the outsider.
    const outsider = await t.db
      .selectFrom('users')
      .select('institution_id')
      .where('id', '=', otherPartner.userId)
      .executeTakeFirstOrThrow()
    const hosts = new Map(
      (await t.db.selectFrom('opportunities').select(['id', 'host_institution_id']).execute()).map((o) => [
        o.id,
        o.host_institution_id,
      ]),
    )
    const counts = new Map<string, number>()
    for (const o of offered) counts.set(o.offered_opportunity_id!, (counts.get(o.offered_opportunity_id!) ?? 0) + 1)
    const target = [...counts.entries()].find(([id, n]) => n >= 2 && hosts.get(id) !== outsider.institution_id)![0]
    for (const o of offered.filter((x) => x.offered_opportunity_id === target).slice(0, 2)) {
      const who = await sessionFor(t, o.applicant_id)
      expect((await call(who, 'POST', `/api/applications/${o.id}/answer`, { answer: 'accept' })).statusCode).toBe(200)
      accepted.push({ id: o.id, who, opportunityId: target })
    }
    const opportunity = await t.db
      .selectFrom('opportunities')
      .select('host_institution_id')
      .where('id', '=', target)
      .executeTakeFirstOrThrow()
    const user = await t.db
      .insertInto('users')
      .values({
        email: 'coordinator@host.example.test',
        name: 'Host Coordinator',
        role: 'partner',
        institution_id: opportunity.host_institution_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    host = await sessionFor(t, user.id)
  })
  afterAll(() => t?.close())

  it('nominates only an accepted place, from the office, and tells the host and the student', async () => {
    const [first] = accepted
    expect((await call(reviewer, 'POST', `/api/applications/${first!.id}/nominate`)).statusCode).toBe(403)
    expect((await call(first!.who, 'POST', `/api/applications/${first!.id}/nominate`)).statusCode).toBe(403)
    const waiting = await t.db
      .selectFrom('applications')
      .select('id')
      .where('call_id', '=', callId)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow()
    expect((await call(officer, 'POST', `/api/applications/${waiting.id}/nominate`)).statusCode).toBe(409)
    // Before the nomination, the host does not see the applicant.
    expect((await call(host, 'GET', `/api/applications/${first!.id}`)).statusCode).toBe(404)

    t.mail.sent.length = 0
    for (const a of accepted) {
      const res = await call(officer, 'POST', `/api/applications/${a.id}/nominate`)
      expect(res.statusCode, res.body).toBe(200)
      expect(json(res).status).toBe('nominated')
    }
    const toHost = t.mail.sent.find((m) => m.to === 'coordinator@host.example.test' && /Nomination:/.test(m.subject))!
    // The nomination letter goes with it, as a PDF named after the student.
    expect(toHost.text).toContain('The nomination letter is attached.')
    expect(toHost.attachments).toHaveLength(1)
    expect(toHost.attachments![0]).toMatchObject({
      contentType: 'application/pdf',
      filename: expect.stringMatching(/^Nomination letter - .+\.pdf$/),
    })
    expect(Buffer.from(toHost.attachments![0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    // The student's own mail carries no letter.
    expect(t.mail.sent.find((m) => /You are nominated/.test(m.subject))!.attachments).toBeUndefined()
    expect(t.mail.sent.filter((m) => /You are nominated/.test(m.subject))).toHaveLength(2)
    expect((await call(officer, 'POST', `/api/applications/${first!.id}/nominate`)).statusCode).toBe(409)
  })

  it('shows the host its nominees and nobody else, with the letter but without identity documents', async () => {
    const list = json(await call(host, 'GET', '/api/nominations')).items
    expect(list.map((n: { id: string }) => n.id).sort()).toEqual(accepted.map((a) => a.id).sort())
    const others = json(await call(otherPartner, 'GET', '/api/nominations')).items
    expect(others.filter((n: { id: string }) => accepted.some((a) => a.id === n.id))).toEqual([])
    expect((await call(otherPartner, 'GET', `/api/applications/${accepted[0]!.id}`)).statusCode).toBe(404)
    const seen = json(await call(host, 'GET', `/api/applications/${accepted[0]!.id}`))
    expect(seen.applicant.email).toMatch(/@students\./)
    expect(seen.documents.every((d: { special: boolean }) => !d.special)).toBe(true)
    expect((await call(host, 'GET', `/api/applications/${accepted[0]!.id}/result`)).statusCode).toBe(404)

    for (const who of [host, officer, accepted[0]!.who]) {
      const letter = await call(who, 'GET', `/api/applications/${accepted[0]!.id}/nomination-letter?lang=ru`)
      expect(letter.statusCode).toBe(200)
      expect(letter.headers['content-type']).toBe('application/pdf')
      expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    expect((await call(reviewer, 'GET', `/api/applications/${accepted[0]!.id}/nomination-letter`)).statusCode).toBe(404)
  })

  it("takes the host's answer: acceptance with its letter, or rejection with a reason that gives the place on", async () => {
    const [first, second] = accepted
    const noReason = await call(host, 'POST', `/api/nominations/${second!.id}/decision`, { decision: 'reject', reason: null })
    expect(noReason.statusCode).toBe(400)
    expect(json(noReason).errors[0].path).toBe('body.reason')
    expect((await call(officer, 'POST', `/api/nominations/${first!.id}/decision`, { decision: 'accept' })).statusCode).toBe(403)
    const letterTooSoon = await t.app.inject({
      method: 'POST',
      url: `/api/nominations/${first!.id}/acceptance-letter?name=acceptance.pdf`,
      headers: { ...host.headers, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(letterTooSoon.statusCode, letterTooSoon.body).toBe(409)

    t.mail.sent.length = 0
    const ok = await call(host, 'POST', `/api/nominations/${first!.id}/decision`, { decision: 'accept' })
    expect(json(ok).status).toBe('host_accepted')
    expect(t.mail.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/has accepted you/)])
    const letter = await t.app.inject({
      method: 'POST',
      url: `/api/nominations/${first!.id}/acceptance-letter?name=${encodeURIComponent('../Carta de aceitação.pdf')}`,
      headers: { ...host.headers, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(letter.statusCode, letter.body).toBe(201)
    expect(json(letter)).toMatchObject({ kind: 'acceptance_letter', fileName: 'Carta de aceitação.pdf' })
    const mine = json(await call(first!.who, 'GET', `/api/applications/${first!.id}`))
    expect(mine.status).toBe('host_accepted')
    expect(mine.documents.map((d: { kind: string }) => d.kind)).toContain('acceptance_letter')
    expect((await call(first!.who, 'GET', `/api/documents/${json(letter).id}`)).statusCode).toBe(200)

    const before = await t.db
      .selectFrom('call_offers')
      .select('places_taken')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', second!.opportunityId)
      .executeTakeFirstOrThrow()
    const rejected = await call(host, 'POST', `/api/nominations/${second!.id}/decision`, {
      decision: 'reject',
      reason: 'No supervisor in that block',
    })
    expect(json(rejected)).toMatchObject({ status: 'host_rejected', hostReason: 'No supervisor in that block' })
    const after = await t.db
      .selectFrom('call_offers')
      .select('places_taken')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', second!.opportunityId)
      .executeTakeFirstOrThrow()
    expect(after.places_taken).toBe(before.places_taken - 1)
    expect((await call(host, 'POST', `/api/nominations/${second!.id}/decision`, { decision: 'accept' })).statusCode).toBe(409)
  })

  it('keeps what each person was told in their own list of notifications, which only they can mark read', async () => {
    const [first] = accepted
    const mine = json(await call(first!.who, 'GET', '/api/me/notifications'))
    expect(mine.items.map((n: { subject: string }) => n.subject)).toEqual([
      expect.stringMatching(/has accepted you/),
      expect.stringMatching(/You are nominated/),
      expect.stringMatching(/You have accepted your place/),
      expect.stringMatching(/Result of your application/),
    ])
    expect(mine.items[0]).toMatchObject({ link: '/applications', read: false })
    expect(mine.unread).toBe(4)
    const hostList = json(await call(host, 'GET', '/api/me/notifications?unread=true'))
    expect(hostList.items[0]).toMatchObject({ link: expect.stringMatching(/^\/nominations\//) })

    // Someone else naming these notifications changes nothing.
    expect((await call(host, 'POST', '/api/me/notifications/read', { ids: [mine.items[0].id] })).statusCode).toBe(204)
    expect(json(await call(first!.who, 'GET', '/api/me/notifications')).unread).toBe(4)
    expect((await call(first!.who, 'POST', '/api/me/notifications/read', { ids: ['nope'] })).statusCode).toBe(400)
    await call(first!.who, 'POST', '/api/me/notifications/read', { ids: [mine.items[0].id] })
    expect(json(await call(first!.who, 'GET', '/api/me/notifications')).unread).toBe(3)
    await call(first!.who, 'POST', '/api/me/notifications/read', {})
    const after = json(await call(first!.who, 'GET', '/api/me/notifications?unread=true'))
    expect(after).toMatchObject({ unread: 0, total: 0, items: [] })
    expect((await call(null, 'GET', '/api/me/notifications')).statusCode).toBe(401)
  })
})
