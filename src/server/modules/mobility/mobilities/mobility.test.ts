import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, caller, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { acceptedByHost, completeChecklist } from '../../../../../test/mobility.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e50000000049454e44ae426082',
  'hex',
)

// One applicant of the demo's closed round accepts, is nominated, accepted by the host, and their
// learning agreement approved by all three; then the mobility: arrival, transcript, recognition.
describe.each(TEST_DB_KINDS)('mobilities on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let reviewer: Credentials
  let otherPartner: Credentials
  let student: Credentials
  let someoneElse: Credentials
  let host: Credentials
  let id: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const path = () => `/api/applications/${id}/mobility`
  const today = todayUtc()

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    ;({ id, student, someoneElse, host, otherPartner } = await acceptedByHost(t, officer, 'mob-host@host.example.test'))
  })
  afterAll(() => t?.close())

  async function approveAgreement() {
    const la = `/api/applications/${id}/learning-agreement`
    expect((await call(student, 'POST', la, { plannedStart: '2027-02', plannedEnd: '2027-06' })).statusCode).toBe(201)
    const component = (key: string, group: string, title: string, credits: number) => ({
      key,
      group,
      title,
      code: null,
      credits,
      term: null,
    })
    const saved = await call(student, 'PUT', `${la}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-06',
      components: [
        component('a1', 'studied', 'Cardiology', 6),
        component('a2', 'studied', 'Ward rounds', 4),
        component('b1', 'recognised', 'Internal medicine II', 10),
      ],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    for (const who of [student, officer, host]) {
      const signed = await call(who, 'POST', `${la}/sign`, { name: 'Signer', position: 'Coordinator' })
      expect(signed.statusCode, signed.body).toBe(200)
    }
  }

  it('is shown to the student, the office and the host only, and begins with the arrival', async () => {
    const before = json(await call(student, 'GET', path()))
    expect(before).toMatchObject({ status: 'preparing', hasApprovedAgreement: false, studied: [], arrivedOn: null })
    expect(before.actions).toEqual({ arrive: false, transcript: false, recognise: false, endVisit: false })
    expect(before).toMatchObject({ seesChecklist: true, checklistComplete: false })
    for (const who of [reviewer, otherPartner, someoneElse]) expect((await call(who, 'GET', path())).statusCode).toBe(404)
    // Nothing can be recorded before the arrival.
    expect((await call(host, 'PUT', `${path()}/transcript`, { leftOn: today, results: [] })).statusCode).toBe(409)
    const future = await call(student, 'POST', `${path()}/arrival`, { arrivedOn: addDays(today, 3) })
    expect(future.statusCode).toBe(400)
    expect(json(future).errors[0].path).toBe('body.arrivedOn')
    expect(json(await call(student, 'POST', `${path()}/arrival`, { arrivedOn: '2027-02-30' })).errors[0].path).toBe(
      'body.arrivedOn',
    )
    expect((await call(someoneElse, 'POST', `${path()}/arrival`, { arrivedOn: today })).statusCode).toBe(404)
    // Not before the checklist is done.
    const early = await call(host, 'POST', `${path()}/arrival`, { arrivedOn: addDays(today, -100) })
    expect(early.statusCode).toBe(409)
    expect(json(early).detail).toContain('emergency contact (missing)')
    await completeChecklist(t, officer, student, id)
    t.mail.sent.length = 0
    const arrived = await call(host, 'POST', `${path()}/arrival`, { arrivedOn: addDays(today, -100) })
    expect(arrived.statusCode, arrived.body).toBe(200)
    // The host confirmed it: the student hears, with who confirmed it and the day.
    expect(t.mail.sent).toHaveLength(1)
    expect(t.mail.sent[0]!.subject).toMatch(/^Arrival confirmed: /)
    expect(t.mail.sent[0]!.text).toMatch(/has confirmed that .+ arrived on \w+ \d+, \d{4}\. The mobility is under way\./)
    expect(json(arrived)).toMatchObject({ status: 'abroad', arrivedOn: addDays(today, -100) })
    expect((await call(student, 'POST', `${path()}/arrival`, { arrivedOn: today })).statusCode).toBe(409)

    // The partner's profile counts it among the mobilities with that partner, under way.
    const { host_institution_id: hostId, academic_year: year } = await t.db
      .selectFrom('applications as a')
      .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
      .innerJoin('calls as c', 'c.id', 'a.call_id')
      .select(['o.host_institution_id', 'c.academic_year'])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow()
    const flows = json(await call(officer, 'GET', `/api/institutions/${hostId}/mobility-flows`))
    expect(
      flows.find(
        (f: { academicYear: string; direction: string; staff: boolean }) =>
          f.academicYear === year && f.direction === 'outgoing' && !f.staff,
      ),
    ).toMatchObject({ abroad: 1 })
    expect((await call(student, 'GET', `/api/institutions/${hostId}/mobility-flows`)).statusCode).toBe(403)
  })

  it('lists who is abroad on a day for the office, with the emergency contact, and keeps incident notes for it alone', async () => {
    const listed = async (who: Credentials, query: string) => {
      const res = await call(who, 'GET', `/api/mobilities${query}`)
      expect(res.statusCode, res.body).toBe(200)
      return json(res).items.filter((i: { applicationId: string }) => i.applicationId === id)
    }
    const [abroad] = await listed(officer, `?on=${today}`)
    expect(abroad).toMatchObject({
      status: 'abroad',
      arrivedOn: addDays(today, -100),
      emergencyContact: { name: 'Dana Bekova', phone: '+7 701 555 0101' },
      incidents: 0,
    })
    expect(abroad.checklist.verified).toBe(abroad.checklist.total)
    expect(await listed(officer, `?on=${addDays(today, -101)}`)).toEqual([])
    expect(await listed(officer, '?status=preparing')).toEqual([])
    expect(await listed(officer, `?country=${abroad.host.country}&status=abroad`)).toHaveLength(1)
    expect((await call(officer, 'GET', '/api/mobilities?on=2027-02-30')).statusCode).toBe(400)
    expect((await call(officer, 'GET', '/api/mobilities?status=away')).statusCode).toBe(400)
    for (const who of [student, host, reviewer]) expect((await call(who, 'GET', '/api/mobilities')).statusCode).toBe(403)

    const incidents = `/api/applications/${id}/incidents`
    const note = { severity: 'concern', occurredOn: today, note: 'Missed two days of the rotation with a fever.' }
    for (const who of [student, host, reviewer, someoneElse]) {
      expect((await call(who, 'GET', incidents)).statusCode).toBe(404)
      expect((await call(who, 'POST', incidents, note)).statusCode).toBe(404)
    }
    const bad = async (body: object, field: string) => {
      const res = await call(officer, 'POST', incidents, body)
      expect(res.statusCode).toBe(400)
      expect(json(res).errors[0].path).toBe(field)
    }
    await bad({ ...note, severity: 'dire' }, 'body.severity')
    await bad({ ...note, occurredOn: addDays(today, 1) }, 'body.occurredOn')
    await bad({ ...note, note: ' ' }, 'body.note')
    expect(json(await call(officer, 'GET', incidents)).items).toEqual([])
    const written = await call(officer, 'POST', incidents, note)
    expect(written.statusCode, written.body).toBe(201)
    expect(json(written).items).toEqual([
      expect.objectContaining({ severity: 'concern', note: note.note, occurredOn: today, writtenBy: expect.any(String) }),
    ])
    expect((await listed(officer, `?on=${today}`))[0]).toMatchObject({ incidents: 1, lastSeverity: 'concern' })
    expect(json(await call(officer, 'GET', path())).seesIncidents).toBe(true)
    expect(json(await call(student, 'GET', path())).seesIncidents).toBe(false)
  })

  it("takes the host's transcript for every component studied, once the learning agreement is approved", async () => {
    expect(json(await call(host, 'GET', path())).actions.transcript).toBe(false)
    expect((await call(host, 'PUT', `${path()}/transcript`, { leftOn: today, results: [] })).statusCode).toBe(409)
    await approveAgreement()
    const view = json(await call(host, 'GET', path()))
    expect(view.studied.map((c: { key: string }) => c.key)).toEqual(['a1', 'a2'])
    expect(view.actions).toEqual({ arrive: false, transcript: true, recognise: false, endVisit: false })

    const result = (key: string, passed = true, credits = 6) => ({ key, grade: passed ? '16/20' : 'F', credits, passed })
    expect((await call(student, 'PUT', `${path()}/transcript`, { leftOn: today, results: [result('a1')] })).statusCode).toBe(403)
    const missing = await call(host, 'PUT', `${path()}/transcript`, { leftOn: today, results: [result('a1'), result('zz')] })
    expect(missing.statusCode).toBe(400)
    expect(json(missing).errors.map((e: { path: string }) => e.path)).toEqual(['body.results.1.key', 'body.results'])
    const failedWithCredits = await call(host, 'PUT', `${path()}/transcript`, {
      leftOn: today,
      results: [result('a1'), result('a2', false, 4)],
    })
    expect(json(failedWithCredits).errors.map((e: { path: string }) => e.path)).toEqual(['body.results.1.credits'])
    const early = await call(host, 'PUT', `${path()}/transcript`, {
      leftOn: addDays(today, -101),
      results: [result('a1'), result('a2', true, 4)],
    })
    expect(json(early).errors[0].path).toBe('body.leftOn')
    const halfCredit = await call(host, 'PUT', `${path()}/transcript`, { leftOn: today, results: [result('a1', true, 5.3)] })
    expect(json(halfCredit).errors[0].path).toBe('body.results.0.credits')

    t.mail.sent.length = 0
    const done = await call(host, 'PUT', `${path()}/transcript`, {
      leftOn: addDays(today, -2),
      results: [result('a1'), result('a2', false, 0)],
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ status: 'returned', leftOn: addDays(today, -2) })
    expect(json(done).studied[1].result).toEqual({ key: 'a2', grade: 'F', credits: 0, passed: false })
    expect(t.mail.sent.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Transcript of records received')]),
    )
    // A correction before recognition is taken, and no one is told twice.
    t.mail.sent.length = 0
    const fixed = await call(host, 'PUT', `${path()}/transcript`, {
      leftOn: addDays(today, -2),
      results: [result('a1'), result('a2', true, 4)],
    })
    expect(json(fixed).studied[1].result.passed).toBe(true)
    expect(t.mail.sent).toHaveLength(0)
  })

  it('keeps the transcript document, checked by content and only from the host or the office', async () => {
    const upload = (who: Credentials, body: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `${path()}/transcript-document?name=${encodeURIComponent('../../ToR final.pdf')}`,
        headers: { ...who.headers, 'content-type': 'application/pdf' },
        payload: body,
      })
    expect((await upload(student, PDF)).statusCode).toBe(403)
    expect((await upload(host, PNG)).statusCode).toBe(400)
    const ok = await upload(host, PDF)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(json(ok)).toMatchObject({ kind: 'transcript_of_records', fileName: 'ToR final.pdf', mime: 'application/pdf' })
    expect(json(await call(student, 'GET', path())).transcriptDocument).toMatchObject({ fileName: 'ToR final.pdf' })
  })

  it('is completed by the office recognising table B, with reasons for anything not recognised in full', async () => {
    const entry = (over: object = {}) => ({ key: 'b1', recognised: true, credits: 10, grade: '16', note: null, ...over })
    expect((await call(host, 'PUT', `${path()}/recognition`, { recognition: [entry()] })).statusCode).toBe(403)
    expect((await call(student, 'PUT', `${path()}/recognition`, { recognition: [entry()] })).statusCode).toBe(403)
    const partial = await call(officer, 'PUT', `${path()}/recognition`, { recognition: [entry({ credits: 8 })] })
    expect(json(partial).errors.map((e: { path: string }) => e.path)).toEqual(['body.recognition.0.note'])
    const tooMany = await call(officer, 'PUT', `${path()}/recognition`, { recognition: [entry({ credits: 12 })] })
    expect(json(tooMany).errors.map((e: { path: string }) => e.path)).toEqual(['body.recognition.0.credits'])
    expect((await call(officer, 'PUT', `${path()}/recognition`, { recognition: [] })).statusCode).toBe(400)

    t.mail.sent.length = 0
    const done = await call(officer, 'PUT', `${path()}/recognition`, { recognition: [entry()] })
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ status: 'recognised', actions: { arrive: false, transcript: false, recognise: false } })
    expect(json(done).recognised[0].recognition).toEqual(entry())
    expect(t.mail.sent.map((m) => m.subject)).toEqual(['Your credits from the mobility are recognised'])
    expect(json(await call(student, 'GET', '/api/me/notifications')).items[0]).toMatchObject({ link: `/mobilities/${id}` })

    expect((await call(officer, 'PUT', `${path()}/recognition`, { recognition: [entry()] })).statusCode).toBe(409)
    expect((await call(host, 'PUT', `${path()}/transcript`, { leftOn: today, results: [] })).statusCode).toBe(409)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'mobility')
      .orderBy('occurred_at')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['arrive', 'transcript', 'transcript', 'recognise'])
  })
})
