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
import { completeChecklist, staffCall } from '../../../../../test/mobility.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

// One of our staff on a training visit abroad: no learning agreement, so no transcript and no
// credits; the visit ends with the host's certificate and the last day (issue 6, point 10).
describe.each(TEST_DB_KINDS)('an outgoing staff visit on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let visitor: Credentials
  let student: Credentials
  let id: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const today = todayUtc()
  const base = () => `/api/applications/${id}/mobility`
  const upload = (who: Credentials | null) =>
    t.app.inject({
      method: 'POST',
      url: `${base()}/certificate-document?name=${encodeURIComponent('certificate of visit.pdf')}`,
      headers: { ...(who?.headers ?? {}), 'content-type': 'application/pdf' },
      payload: PDF,
    })

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    student = await signInAs(t, 'student')
    const { minhoId } = await demoInstitutions(t)
    const { opportunityId, callId } = await staffCall(
      t,
      officer,
      {
        kind: 'staff_training',
        direction: 'outgoing',
        hostInstitutionId: minhoId,
        title: 'Training week in simulation teaching',
      },
      'Staff training abroad 2027',
    )
    const user = await t.db
      .insertInto('users')
      .values({ email: 'nurse.educator@demo.meridian.test', name: 'Dana Educator', role: 'staff' })
      .returning('id')
      .executeTakeFirstOrThrow()
    visitor = await sessionFor(t, user.id)
    // Nominated and accepted by the host already: those steps are the nomination module's tests.
    const a = await t.db
      .insertInto('applications')
      .values({
        call_id: callId,
        applicant_id: user.id,
        status: 'host_accepted',
        offered_opportunity_id: opportunityId,
        nominated_at: new Date(),
        nominated_by: officer.userId,
        host_decided_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = a.id
    const programme = {
      hostDepartment: 'Simulation Centre',
      startsOn: addDays(today, -6),
      endsOn: addDays(today, -1),
      activities: 'A week in the simulation centre: scenario design, debriefing, and two courses observed.',
      teachingHours: null,
    }
    expect((await call(visitor, 'PUT', `/api/applications/${id}/staff-programme`, programme)).statusCode).toBe(200)
    expect((await call(officer, 'POST', `/api/applications/${id}/staff-programme/approve`)).statusCode).toBe(200)
    await completeChecklist(t, officer, visitor, id)
    const arrived = await call(visitor, 'POST', `${base()}/arrival`, { arrivedOn: addDays(today, -6) })
    expect(arrived.statusCode, arrived.body).toBe(200)
  })
  afterAll(() => t?.close())

  it('has no transcript or credits, and ends only with the host certificate and a last day that fits', async () => {
    const view = json(await call(visitor, 'GET', base()))
    expect(view).toMatchObject({
      staffOut: true,
      status: 'abroad',
      actions: { transcript: false, recognise: false, endVisit: true },
    })
    expect((await call(officer, 'PUT', `${base()}/transcript`, { leftOn: today, results: [] })).statusCode).toBe(409)

    const early = await call(visitor, 'POST', `${base()}/visit-end`, { leftOn: addDays(today, -1) })
    expect(early.statusCode).toBe(409)
    expect(json(early).detail).toMatch(/certificate of the visit first/)
    expect((await upload(student)).statusCode).toBe(404)
    expect((await upload(null)).statusCode).toBe(401)
    const uploaded = await upload(visitor)
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    expect(json(uploaded)).toMatchObject({ kind: 'host_certificate', fileName: 'certificate of visit.pdf' })

    for (const [leftOn, message] of [
      [addDays(today, -9), 'must not be before the arrival'],
      [addDays(today, 2), 'must not be in the future'],
      ['2027-02-30', ''],
    ] as const) {
      const res = await call(visitor, 'POST', `${base()}/visit-end`, { leftOn })
      expect(res.statusCode, leftOn).toBe(400)
      expect(json(res).errors[0]).toMatchObject({ path: 'body.leftOn', message: expect.stringContaining(message) })
    }
    expect((await call(student, 'POST', `${base()}/visit-end`, { leftOn: today })).statusCode).toBe(404)

    t.mail.sent.length = 0
    const ended = await call(visitor, 'POST', `${base()}/visit-end`, { leftOn: addDays(today, -1) })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(json(ended)).toMatchObject({
      status: 'returned',
      leftOn: addDays(today, -1),
      hostCertificate: { fileName: 'certificate of visit.pdf' },
      seesSurvey: true,
      actions: { endVisit: false, recognise: false },
    })
    // The visitor recorded it: the officer who nominated them hears.
    expect(t.mail.sent.map((m) => m.to)).toEqual(['officer@demo.meridian.test'])
    expect(t.mail.sent[0]!.subject).toBe('Visit ended: Dana Educator')
    const audit = await t.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'visit_end')
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ status: 'returned', leftOn: addDays(today, -1) })

    expect((await call(visitor, 'POST', `${base()}/visit-end`, { leftOn: today })).statusCode).toBe(409)
    expect((await call(officer, 'PUT', `${base()}/recognition`, { recognition: [] })).statusCode).toBe(409)
  })
})
