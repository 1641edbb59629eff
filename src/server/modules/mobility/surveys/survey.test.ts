import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, caller, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { acceptedByHost } from '../../../../../test/mobility.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'

const answers = {
  rating: 4,
  aspects: { supervision: 5, welcome: 4, housing: 2 },
  recommend: true,
  review: 'The ward rounds were in Portuguese from day one; the residents taught at every bed. Find housing early.',
  language: 'en',
  showName: true,
  officeNote: 'My tutor was away for two weeks and nobody replaced him.',
}

// The completion survey: the student answers after the stay, the office publishes or rejects it,
// and only published reviews (without the note to the office) reach the catalog.
describe.each(TEST_DB_KINDS)('completion surveys on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let reviewer: Credentials
  let student: Credentials
  let someoneElse: Credentials
  let host: Credentials
  let id: string
  let opportunityId: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const path = () => `/api/applications/${id}/survey`
  const reviews = () => call(null, 'GET', `/api/catalog/${opportunityId}/reviews`)

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    ;({ id, student, someoneElse, host } = await acceptedByHost(t, officer, 'survey-host@host.example.test'))
    const a = await t.db
      .selectFrom('applications')
      .select('offered_opportunity_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    opportunityId = a.offered_opportunity_id!
  })
  afterAll(() => t?.close())

  it('opens when the stay has ended, checks every answer, and shows it only to the student and the office', async () => {
    const before = json(await call(student, 'GET', path()))
    expect(before).toMatchObject({ open: false, survey: null, actions: { answer: false } })
    const early = await call(student, 'PUT', path(), answers)
    expect(early.statusCode).toBe(409)
    expect(json(early).detail).toMatch(/transcript of records/)

    // The host's transcript has ended the stay (the steps before are the mobility's own tests).
    const today = todayUtc()
    await t.db
      .insertInto('mobilities')
      .values({
        application_id: id,
        status: 'returned',
        arrived_on: addDays(today, -120),
        left_on: addDays(today, -3),
        transcript_at: new Date(),
      })
      .execute()
    expect(json(await call(student, 'GET', path()))).toMatchObject({ open: true, actions: { answer: true } })

    const audits = await countAudit(t)
    for (const [body, field] of [
      [{ ...answers, rating: 6 }, 'body.rating'],
      [{ ...answers, rating: 3.5 }, 'body.rating'],
      [{ ...answers, aspects: { housing: 0 } }, 'body.aspects.housing'],
      [{ ...answers, aspects: { food: 3 } }, 'body.aspects.food'],
      [{ ...answers, review: 'Great.' }, 'body.review'],
      [{ ...answers, review: 'x'.repeat(2001) }, 'body.review'],
      [{ ...answers, language: 'xx' }, 'body.language'],
      [{ ...answers, recommend: 'yes' }, 'body.recommend'],
      [{ ...answers, extra: 1 }, 'body.extra'],
    ] as const) {
      const res = await call(student, 'PUT', path(), body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    expect(await countAudit(t)).toBe(audits)

    // Only the student answers; the host, a reviewer and another student are told it does not exist.
    expect((await call(officer, 'PUT', path(), answers)).statusCode).toBe(403)
    for (const outsider of [host, reviewer, someoneElse]) {
      expect((await call(outsider, 'GET', path())).statusCode).toBe(404)
      expect((await call(outsider, 'PUT', path(), answers)).statusCode).toBe(404)
      expect((await call(outsider, 'POST', `${path()}/publish`)).statusCode).toBe(404)
    }
    expect((await call(null, 'GET', path())).statusCode).toBe(401)

    t.mail.sent.length = 0
    const saved = await call(student, 'PUT', path(), answers)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(saved).survey).toMatchObject({ status: 'pending', rating: 4, officeNote: answers.officeNote })
    expect(t.mail.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^Survey to moderate/)])
    expect(await countAudit(t)).toBe(audits + 1)
    // Nothing reaches the catalog before the office has read it.
    expect(json(await reviews())).toMatchObject({ count: 0, rating: null, items: [] })
  })

  it('lets the office reject with a reason, the student rewrite, and the office publish to the catalog', async () => {
    const queue = json(await call(officer, 'GET', '/api/surveys?status=pending'))
    expect(queue.items.map((s: { applicationId: string }) => s.applicationId)).toContain(id)
    expect((await call(student, 'GET', '/api/surveys')).statusCode).toBe(403)
    expect((await call(student, 'POST', `${path()}/publish`)).statusCode).toBe(403)
    expect((await call(officer, 'POST', `${path()}/reject`, { reason: '' })).statusCode).toBe(400)

    t.mail.sent.length = 0
    const rejected = await call(officer, 'POST', `${path()}/reject`, { reason: 'Please leave out the tutor\u2019s name.' })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(json(rejected).survey).toMatchObject({ status: 'rejected', rejection: 'Please leave out the tutor\u2019s name.' })
    expect(t.mail.sent[0]).toMatchObject({ to: expect.any(String), subject: 'Your review needs another look' })
    expect((await call(officer, 'POST', `${path()}/publish`)).statusCode).toBe(409)

    const rewritten = await call(student, 'PUT', path(), { ...answers, review: `${answers.review} Bring a stethoscope.` })
    expect(json(rewritten).survey).toMatchObject({ status: 'pending', rejection: null })
    const published = await call(officer, 'POST', `${path()}/publish`)
    expect(published.statusCode, published.body).toBe(200)
    expect(json(published)).toMatchObject({ survey: { status: 'published' }, actions: { publish: false, reject: true } })
    expect((await call(student, 'PUT', path(), answers)).statusCode).toBe(409)

    const shown = json(await reviews())
    expect(shown).toMatchObject({
      count: 1,
      rating: 4,
      aspects: { supervision: 5, welcome: 4, housing: 2 },
      recommendShare: 100,
    })
    expect(shown.items[0].review).toMatch(/Bring a stethoscope/)
    // The first name only, and never the note to the office.
    const person = await t.db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select('u.name')
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow()
    expect(shown.items[0].author).toBe(person.name.split(' ')[0])
    expect(JSON.stringify(shown)).not.toContain(answers.officeNote)
    expect(JSON.stringify(shown)).not.toContain(person.name)

    // Taken back, it leaves the catalog, and the student may rewrite it again.
    const withdrawn = await call(officer, 'POST', `${path()}/reject`, { reason: 'The host asked us to check a detail.' })
    expect(json(withdrawn).survey.status).toBe('rejected')
    expect(json(await reviews()).count).toBe(0)
  })

  it('shows reviews only of opportunities in the catalog', async () => {
    const missing = await call(null, 'GET', '/api/catalog/00000000-0000-4000-8000-000000000000/reviews')
    expect(missing.statusCode).toBe(404)
    expect((await call(null, 'GET', `/api/catalog/${opportunityId}/reviews?pageSize=0`)).statusCode).toBe(400)
  })
})
