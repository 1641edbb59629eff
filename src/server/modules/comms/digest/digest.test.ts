import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  createTestApp,
  demoUnits,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { acceptedByHost, sampleItem } from '../../../../../test/mobility.js'
import { todayUtc } from '../../../kernel/dates.js'
import { sendDigests } from './digest.js'

// The tasks waiting for the office, on the home page and in the daily digest: only for those who
// run the call, once a day, never empty, and not for those who turned it off.
describe.each(TEST_DB_KINDS)('tasks and the daily digest on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let student: Credentials
  let otherCoordinator: Credentials
  let id: string
  let second: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const today = todayUtc()
  const groups = async (who: Credentials) =>
    json(await call(who, 'GET', '/api/me/tasks')).groups as {
      kind: string
      count: number
      items: { applicationId: string; student: string }[]
    }[]
  const group = async (who: Credentials, kind: string) => (await groups(who)).find((g) => g.kind === kind)

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    ;({ id, second, student } = await acceptedByHost(t, officer, 'digest-host@host.example.test'))
    // A coordinator of a unit that runs none of the demo's calls.
    const { otherUnit } = await demoUnits(t)
    const user = await t.db
      .insertInto('users')
      .values({ email: 'other-unit@demo.meridian.test', name: 'Other Coordinator', role: 'coordinator', org_unit_id: otherUnit })
      .returning('id')
      .executeTakeFirstOrThrow()
    otherCoordinator = await sessionFor(t, user.id)
  })
  afterAll(() => t?.close())

  it('lists what waits for the office, to those who run the call only', async () => {
    // The next applicant takes their place: it is to nominate. The first submits a checklist item.
    const next = await sessionFor(
      t,
      (await t.db.selectFrom('applications').select('applicant_id').where('id', '=', second).executeTakeFirstOrThrow())
        .applicant_id,
    )
    expect((await call(next, 'POST', `/api/applications/${second}/answer`, { answer: 'accept' })).statusCode).toBe(200)
    expect((await call(student, 'PUT', `/api/applications/${id}/checklist`, sampleItem('emergency_contact'))).statusCode).toBe(
      200,
    )

    const toNominate = await group(officer, 'toNominate')
    expect(toNominate?.items.map((i) => i.applicationId)).toContain(second)
    const toVerify = await group(officer, 'checklistToVerify')
    expect(toVerify).toMatchObject({ count: 1, items: [{ applicationId: id }] })
    expect(await groups(student)).toEqual([])
    expect(await groups(otherCoordinator)).toEqual([])
    expect((await call(null, 'GET', '/api/me/tasks')).statusCode).toBe(401)

    // Verified, it is no longer a task.
    expect((await call(officer, 'POST', `/api/applications/${id}/checklist/emergency_contact/verify`)).statusCode).toBe(200)
    expect(await group(officer, 'checklistToVerify')).toBeUndefined()
  })

  it('mails each officer their tasks once a day, and nobody with nothing waiting or who turned it off', async () => {
    const admin = await signInAs(t, 'admin')
    const off = await call(admin, 'PATCH', '/api/me', { dailyDigest: false })
    expect(off.statusCode, off.body).toBe(200)
    expect(json(off).dailyDigest).toBe(false)
    expect((await call(admin, 'PATCH', '/api/me', { dailyDigest: 'no' })).statusCode).toBe(400)

    const emailOf = async (c: Credentials) =>
      (await t.db.selectFrom('users').select('email').where('id', '=', c.userId).executeTakeFirstOrThrow()).email
    const [officerEmail, adminEmail, studentEmail] = [await emailOf(officer), await emailOf(admin), await emailOf(student)]
    t.mail.sent.length = 0
    const first = await sendDigests(t.deps, today)
    const to = t.mail.sent.map((m) => m.to)
    expect(to).toContain(officerEmail)
    expect(to).not.toContain(adminEmail)
    expect(to).not.toContain('other-unit@demo.meridian.test')
    expect(to).not.toContain(studentEmail)
    expect(first.sent).toBe(to.length)
    const mail = t.mail.sent.find((m) => m.to === officerEmail)!
    expect(mail.subject).toMatch(/^Meridian: tasks waiting for you \(\d+\)$/)
    expect(mail.text).toMatch(/Accepted places to nominate to the host: \d+/)
    expect(mail.text).toContain(`/office/applications/${second}`)
    expect(mail.text).toContain('/account')

    // A second run the same day sends nothing; the next day sends again.
    t.mail.sent.length = 0
    expect(await sendDigests(t.deps, today)).toEqual({ sent: 0 })
    expect(t.mail.sent).toHaveLength(0)
    expect((await sendDigests(t.deps, '2099-01-01')).sent).toBeGreaterThan(0)
  })
})
