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

// A visiting professor's teaching visit: admitted by the office (we host), a programme proposed and
// approved before the visit begins, and the certificate at the end.
describe.each(TEST_DB_KINDS)('staff visits on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let visitor: Credentials
  let student: Credentials
  let id: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const today = todayUtc()
  const path = () => `/api/applications/${id}/staff-programme`
  const good = () => ({
    hostDepartment: 'Department of Infectious Diseases',
    startsOn: addDays(today, -10),
    endsOn: addDays(today, -2),
    activities: 'Six lectures on travel medicine for fifth-year students; two ward rounds with residents.',
    teachingHours: 8,
  })

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    student = await signInAs(t, 'student')
    const { homeId, minhoId } = await demoInstitutions(t)
    const { opportunityId, callId } = await staffCall(
      t,
      officer,
      {
        kind: 'staff_teaching',
        direction: 'incoming',
        hostInstitutionId: homeId,
        title: 'Visiting professorship in travel medicine',
      },
      'Visiting staff 2027',
    )
    const user = await t.db
      .insertInto('users')
      .values({ email: 'prof.sousa@uminho.example', name: 'Prof. Ana Sousa', role: 'staff', institution_id: minhoId })
      .returning('id')
      .executeTakeFirstOrThrow()
    visitor = await sessionFor(t, user.id)
    // Admitted already: the call, the review and the admission are the other modules' tests.
    const a = await t.db
      .insertInto('applications')
      .values({
        call_id: callId,
        applicant_id: user.id,
        status: 'host_accepted',
        offered_opportunity_id: opportunityId,
        host_decided_at: new Date(),
        host_decided_by: officer.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = a.id
  })
  afterAll(() => t?.close())

  it('waits for an approved programme before the visit begins, checking every field', async () => {
    expect(json(await call(visitor, 'GET', path()))).toMatchObject({
      teaching: true,
      programme: null,
      actions: { propose: true },
    })
    expect((await call(student, 'GET', path())).statusCode).toBe(404)
    await completeChecklist(t, officer, visitor, id)
    const early = await call(visitor, 'POST', `/api/applications/${id}/mobility/arrival`, { arrivedOn: addDays(today, -10) })
    expect(early.statusCode).toBe(409)
    expect(json(early).detail).toMatch(/visit programme is not proposed/)

    for (const [body, field] of [
      [{ ...good(), endsOn: addDays(today, -20) }, 'body.endsOn'],
      [{ ...good(), startsOn: addDays(today, -100) }, 'body.endsOn'],
      [{ ...good(), teachingHours: null }, 'body.teachingHours'],
      [{ ...good(), teachingHours: 2.5 }, 'body.teachingHours'],
      [{ ...good(), hostDepartment: '' }, 'body.hostDepartment'],
      [{ ...good(), startsOn: '2027-02-30' }, 'body.startsOn'],
    ] as const) {
      const res = await call(visitor, 'PUT', path(), body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    expect((await call(student, 'PUT', path(), good())).statusCode).toBe(404)

    t.mail.sent.length = 0
    const proposed = await call(visitor, 'PUT', path(), good())
    expect(proposed.statusCode, proposed.body).toBe(200)
    expect(json(proposed)).toMatchObject({ programme: { status: 'proposed' }, actions: { approve: false } })
    expect(t.mail.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^Visit programme to approve: /)])
    expect((await call(visitor, 'POST', `${path()}/approve`)).statusCode).toBe(403)
    const mobility = json(await call(visitor, 'GET', `/api/applications/${id}/mobility`))
    expect(mobility).toMatchObject({
      staff: true,
      programmeGap: 'the visit programme is not approved yet',
      actions: { arrive: false },
    })

    const approved = await call(officer, 'POST', `${path()}/approve`)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(json(approved).programme.status).toBe('approved')
    expect((await call(officer, 'POST', `${path()}/approve`)).statusCode).toBe(409)
  })

  it('begins, ends with an evaluation, and gives the certificate; the programme no longer changes', async () => {
    const arrived = await call(visitor, 'POST', `/api/applications/${id}/mobility/arrival`, { arrivedOn: addDays(today, -10) })
    expect(arrived.statusCode, arrived.body).toBe(200)
    expect((await call(visitor, 'PUT', path(), good())).statusCode).toBe(409)
    const left = await call(officer, 'POST', `/api/applications/${id}/incoming/departure`, {
      leftOn: addDays(today, -2),
      evaluation: 'Lectures very well received; the residents asked for more.',
    })
    expect(left.statusCode, left.body).toBe(200)
    const certificate = await call(visitor, 'GET', `/api/applications/${id}/letters/certificate?lang=ko`)
    expect(certificate.statusCode).toBe(200)
    expect(certificate.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })
})
