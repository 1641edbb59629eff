import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  createTestApp,
  demoInstitutions,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { completeChecklist } from '../../../../../test/mobility.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'

// An incoming student from a partner who has accepted a place in our call for visiting students:
// admitted by the office (we are the host), letters of acceptance and for the visa, the clearance
// (the checklist), the arrival, the end of the stay with an evaluation, and the certificate.
describe.each(TEST_DB_KINDS)('incoming students on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let student: Credentials
  let other: Credentials
  let partner: Credentials
  let id: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const base = () => `/api/applications/${id}`
  const today = todayUtc()
  const pdf = async (who: Credentials, letter: string, lang = 'en') =>
    call(who, 'GET', `${base()}/letters/${letter}?lang=${lang}`)

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    other = await signInAs(t, 'student')
    partner = await signInAs(t, 'partner')
    const { minhoId } = await demoInstitutions(t)
    // The demo's call for visiting students and its elective; the selection itself is the calls' own tests.
    const offer = await t.db
      .selectFrom('calls as c')
      .innerJoin('call_offers as f', 'f.call_id', 'c.id')
      .select(['c.id', 'f.opportunity_id'])
      .where('c.audience', '=', 'incoming_students')
      .executeTakeFirstOrThrow()
    const user = await t.db
      .insertInto('users')
      .values({ email: 'ines.visitor@uminho.example', name: 'Inês Carvalho', role: 'student', institution_id: minhoId })
      .returning('id')
      .executeTakeFirstOrThrow()
    student = await sessionFor(t, user.id)
    const a = await t.db
      .insertInto('applications')
      .values({
        call_id: offer.id,
        applicant_id: user.id,
        status: 'accepted',
        offered_opportunity_id: offer.opportunity_id,
        profile: JSON.stringify({ programme: 'Medicine', yearOfStudy: 5, languages: { en: 'C1' } }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = a.id
  })
  afterAll(() => t?.close())

  it('is admitted by the office, not nominated, and the letter of acceptance follows', async () => {
    const before = json(await call(student, 'GET', `${base()}/incoming`))
    expect(before).toMatchObject({ status: 'accepted', letters: { acceptance: false }, actions: { admit: false } })
    expect(json(await call(officer, 'GET', `${base()}/incoming`)).actions.admit).toBe(true)
    expect((await pdf(student, 'acceptance')).statusCode).toBe(409)
    for (const outsider of [other, partner]) {
      expect((await call(outsider, 'GET', `${base()}/incoming`)).statusCode).toBe(404)
      expect((await pdf(outsider, 'acceptance')).statusCode).toBe(404)
    }
    const nominated = await call(officer, 'POST', `${base()}/nominate`)
    expect(nominated.statusCode).toBe(409)
    expect(json(nominated).detail).toMatch(/admit the person instead/)
    expect((await call(student, 'POST', `${base()}/admit`)).statusCode).toBe(403)

    t.mail.sent.length = 0
    const admitted = await call(officer, 'POST', `${base()}/admit`)
    expect(admitted.statusCode, admitted.body).toBe(200)
    expect(json(admitted)).toMatchObject({ status: 'host_accepted', letters: { acceptance: true, visa: false } })
    expect(t.mail.sent).toEqual([expect.objectContaining({ to: 'ines.visitor@uminho.example' })])
    expect((await call(officer, 'POST', `${base()}/admit`)).statusCode).toBe(409)

    for (const lang of ['en', 'ru', 'ko']) {
      const letter = await pdf(student, 'acceptance', lang)
      expect(letter.statusCode).toBe(200)
      expect(letter.headers['content-type']).toBe('application/pdf')
      expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    expect((await pdf(student, 'letter')).statusCode).toBe(400)
  })

  it('takes the passport details for the visa letter, checking each, and keeps the number out of the audit trail', async () => {
    const path = `${base()}/incoming/visa-details`
    const good = {
      nationality: 'PT',
      dateOfBirth: '2001-03-14',
      passportNumber: 'CB123456',
      passportExpiresOn: addDays(today, 900),
    }
    for (const [body, field] of [
      [{ ...good, nationality: 'Portugal' }, 'body.nationality'],
      [{ ...good, passportNumber: 'AB 1' }, 'body.passportNumber'],
      [{ ...good, dateOfBirth: addDays(today, 1) }, 'body.dateOfBirth'],
      [{ ...good, passportExpiresOn: addDays(today, -1) }, 'body.passportExpiresOn'],
      [{ ...good, dateOfBirth: '2001-02-30' }, 'body.dateOfBirth'],
    ] as const) {
      const res = await call(student, 'PUT', path, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    expect((await call(other, 'PUT', path, good)).statusCode).toBe(404)
    const saved = await call(student, 'PUT', path, good)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(saved)).toMatchObject({ visaDetails: good, letters: { visa: true } })
    expect((await pdf(officer, 'visa', 'pt')).statusCode).toBe(200)
    const trail = await t.db.selectFrom('audit_events').select(['after']).where('entity_id', '=', id).execute()
    expect(JSON.stringify(trail)).not.toContain('CB123456')
  })

  it('clears, arrives, and leaves with an evaluation; the certificate follows and no credits are recognised here', async () => {
    await completeChecklist(t, officer, student, id)
    const arrived = await call(student, 'POST', `${base()}/mobility/arrival`, { arrivedOn: addDays(today, -20) })
    expect(arrived.statusCode, arrived.body).toBe(200)
    expect(
      (
        await call(student, 'PUT', `${base()}/incoming/visa-details`, {
          nationality: 'PT',
          dateOfBirth: '2001-03-14',
          passportNumber: 'CB123456',
          passportExpiresOn: addDays(today, 900),
        })
      ).statusCode,
    ).toBe(409)
    expect((await pdf(student, 'certificate')).statusCode).toBe(409)

    const path = `${base()}/incoming/departure`
    const good = { leftOn: addDays(today, -1), evaluation: 'Excellent: reliable on the wards, well prepared for rounds.' }
    expect((await call(student, 'POST', path, good)).statusCode).toBe(403)
    for (const [body, field] of [
      [{ ...good, leftOn: addDays(today, 1) }, 'body.leftOn'],
      [{ ...good, leftOn: addDays(today, -30) }, 'body.leftOn'],
      [{ ...good, evaluation: '' }, 'body.evaluation'],
    ] as const) {
      const res = await call(officer, 'POST', path, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    t.mail.sent.length = 0
    const left = await call(officer, 'POST', path, good)
    expect(left.statusCode, left.body).toBe(200)
    expect(json(left)).toMatchObject({ leftOn: good.leftOn, evaluation: good.evaluation, letters: { certificate: true } })
    expect(t.mail.sent.map((m) => m.subject)).toEqual(['Your certificate of attendance'])
    expect((await call(officer, 'POST', path, good)).statusCode).toBe(409)
    expect((await pdf(student, 'certificate', 'mn')).statusCode).toBe(200)

    const mobility = json(await call(officer, 'GET', `${base()}/mobility`))
    expect(mobility).toMatchObject({ incoming: true, status: 'returned', actions: { recognise: false } })
    const recognised = await call(officer, 'PUT', `${base()}/mobility/recognition`, { recognition: [] })
    expect(recognised.statusCode).toBe(409)
    // The completion survey is open to them too: their review goes on our elective.
    expect(json(await call(student, 'GET', `${base()}/survey`)).open).toBe(true)
  })
})
