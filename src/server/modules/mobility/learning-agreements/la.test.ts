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

// The demo's closed round of electives, published; one applicant accepts, is nominated and the
// host accepts: their learning agreement goes through a first version and a change proposal.
describe.each(TEST_DB_KINDS)('learning agreements on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let reviewer: Credentials
  let otherPartner: Credentials
  let student: Credentials
  let someoneElse: Credentials
  let host: Credentials
  let id: string
  let waitingId: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const path = () => `/api/applications/${id}/learning-agreement`
  const studied = (key: string, title: string, credits: number) => ({
    key,
    group: 'studied',
    title,
    code: null,
    credits,
    term: 'Spring 2027',
  })
  const recognised = (key: string, title: string, credits: number) => ({
    key,
    group: 'recognised',
    title,
    code: 'MED-501',
    credits,
    term: null,
  })

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    otherPartner = await signInAs(t, 'partner')
    const callId = await publishDemoRound(t, officer)
    const outsider = await t.db
      .selectFrom('users')
      .select('institution_id')
      .where('id', '=', otherPartner.userId)
      .executeTakeFirstOrThrow()
    const offered = await t.db
      .selectFrom('applications as a')
      .innerJoin('opportunities as o', 'o.id', 'a.offered_opportunity_id')
      .select(['a.id', 'a.applicant_id', 'o.host_institution_id'])
      .where('a.call_id', '=', callId)
      .where('a.status', '=', 'offered')
      .where('o.host_institution_id', '!=', outsider.institution_id!)
      .orderBy('a.id')
      .execute()
    const [first, second] = offered
    id = first!.id
    student = await sessionFor(t, first!.applicant_id)
    someoneElse = await sessionFor(t, second!.applicant_id)
    waitingId = second!.id
    expect((await call(student, 'POST', `/api/applications/${id}/answer`, { answer: 'accept' })).statusCode).toBe(200)
    expect((await call(officer, 'POST', `/api/applications/${id}/nominate`)).statusCode).toBe(200)
    const user = await t.db
      .insertInto('users')
      .values({
        email: 'la-host@host.example.test',
        name: 'Host Coordinator',
        role: 'partner',
        institution_id: first!.host_institution_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    host = await sessionFor(t, user.id)
    expect((await call(host, 'POST', `/api/nominations/${id}/decision`, { decision: 'accept' })).statusCode).toBe(200)
  })
  afterAll(() => t?.close())

  it('is started only for a place the student holds, by the student or the office, and shown only to those concerned', async () => {
    expect(json(await call(student, 'GET', path()))).toEqual({ canStart: true, agreement: null })
    // An offer not yet accepted has no agreement.
    const early = await call(someoneElse, 'POST', `/api/applications/${waitingId}/learning-agreement`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-06',
    })
    expect(early.statusCode).toBe(409)
    const backwards = await call(student, 'POST', path(), { plannedStart: '2027-06', plannedEnd: '2027-02' })
    expect(backwards.statusCode).toBe(400)
    expect(json(backwards).errors[0].path).toBe('body.plannedEnd')
    expect((await call(student, 'POST', path(), { plannedStart: '2027-13', plannedEnd: '2027-06' })).statusCode).toBe(400)
    expect((await call(host, 'POST', path(), { plannedStart: '2027-02', plannedEnd: '2027-06' })).statusCode).toBe(403)
    const started = await call(student, 'POST', path(), { plannedStart: '2027-02', plannedEnd: '2027-06' })
    expect(started.statusCode, started.body).toBe(201)
    const la = json(started).agreement
    expect(la.versions).toHaveLength(1)
    expect(la.versions[0]).toMatchObject({ number: 1, status: 'draft', kind: 'before_mobility', components: [] })
    expect(la.actions).toEqual({ party: 'student', edit: true, sign: true, reject: false, newVersion: false })
    expect((await call(student, 'POST', path(), { plannedStart: '2027-02', plannedEnd: '2027-06' })).statusCode).toBe(409)
    for (const who of [reviewer, otherPartner, someoneElse]) expect((await call(who, 'GET', path())).statusCode).toBe(404)
    expect(json(await call(host, 'GET', path())).agreement.actions).toMatchObject({
      party: 'receiving',
      edit: false,
      sign: false,
    })
  })

  it('refuses a bad draft naming the field, and a proposal that is not complete', async () => {
    const bad = await call(student, 'PUT', `${path()}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-06',
      components: [{ ...studied('a1', 'Cardiology', 5.3) }],
    })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors[0].path).toBe('body.components.0.credits')
    const saved = await call(student, 'PUT', `${path()}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-07',
      components: [studied('a1', 'Cardiology', 6)],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const incomplete = await call(student, 'POST', `${path()}/sign`, { name: 'The Student', position: 'Student' })
    expect(incomplete.statusCode).toBe(400)
    expect(json(incomplete).errors.map((e: { path: string }) => e.path)).toEqual(['draft.components'])
    // A coordinator cannot sign a draft the student has not proposed.
    expect((await call(officer, 'POST', `${path()}/sign`, { name: 'Officer', position: 'Coordinator' })).statusCode).toBe(409)
  })

  it('is proposed by the student, signed by both coordinators and then approved, with the student told', async () => {
    const saved = await call(officer, 'PUT', `${path()}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-07',
      components: [
        studied('a1', 'Cardiology', 6),
        studied('a2', 'Emergency medicine', 4),
        recognised('b1', 'Internal medicine II', 10),
      ],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    t.mail.sent.length = 0
    const proposed = json(await call(student, 'POST', `${path()}/sign`, { name: 'The Student', position: 'Student' }))
    expect(proposed.agreement.versions[0].status).toBe('proposed')
    expect(t.mail.sent.some((m) => m.to === 'la-host@host.example.test' && /to sign/.test(m.subject))).toBe(true)
    // Nobody edits a proposal.
    const late = await call(student, 'PUT', `${path()}/draft`, { plannedStart: '2027-02', plannedEnd: '2027-07', components: [] })
    expect(late.statusCode).toBe(409)
    expect((await call(student, 'POST', `${path()}/sign`, { name: 'Again', position: 'Student' })).statusCode).toBe(409)
    expect((await call(student, 'POST', `${path()}/reject`, { comment: 'no' })).statusCode).toBe(403)
    expect((await call(host, 'POST', `${path()}/sign`, { name: '', position: 'Coordinator' })).statusCode).toBe(400)
    expect(
      (await call(host, 'POST', `${path()}/sign`, { name: 'Host Coordinator', position: 'Erasmus coordinator' })).statusCode,
    ).toBe(200)
    t.mail.sent.length = 0
    const approved = json(
      await call(officer, 'POST', `${path()}/sign`, { name: 'Olga Officer', position: 'Departmental coordinator' }),
    )
    const v1 = approved.agreement.versions[0]
    expect(v1.status).toBe('approved')
    expect(v1.signatures.map((s: { party: string }) => s.party).sort()).toEqual(['receiving', 'sending', 'student'])
    expect(v1.signatures.find((s: { party: string }) => s.party === 'sending')).toMatchObject({
      name: 'Olga Officer',
      position: 'Departmental coordinator',
    })
    expect(t.mail.sent.filter((m) => /is approved/.test(m.subject)).map((m) => m.to)).toHaveLength(1)
    expect(approved.agreement.actions).toMatchObject({ edit: false, sign: false, newVersion: true })
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'learning_agreement').execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'save_draft', 'sign']))
  })

  it('takes a change proposal only with EWP reasons for what it deletes and inserts; a rejection sends it back', async () => {
    const started = json(await call(student, 'POST', `${path()}/versions`))
    expect(started.agreement.versions[0]).toMatchObject({ number: 2, status: 'draft', kind: 'changes' })
    expect((await call(student, 'POST', `${path()}/versions`)).statusCode).toBe(409)
    const components = [
      studied('a1', 'Cardiology', 6),
      studied('a3', 'Tropical medicine', 4),
      recognised('b1', 'Internal medicine II', 10),
    ]
    await call(student, 'PUT', `${path()}/draft`, { plannedStart: '2027-02', plannedEnd: '2027-07', components, removed: [] })
    const unexplained = await call(student, 'POST', `${path()}/sign`, { name: 'The Student', position: 'Student' })
    expect(unexplained.statusCode).toBe(400)
    expect(json(unexplained).errors.map((e: { path: string }) => e.path)).toEqual([
      'draft.removed',
      'draft.components.1.reasonCode',
    ])
    const wrongWay = await call(student, 'PUT', `${path()}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-07',
      components: [components[0], { ...components[1], reasonCode: 'timetable-conflict' }, components[2]],
      removed: [{ key: 'a2', reasonCode: 'substituting-deleted' }],
    })
    expect(wrongWay.statusCode).toBe(200)
    const refused = await call(student, 'POST', `${path()}/sign`, { name: 'The Student', position: 'Student' })
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual([
      'draft.components.1.reasonCode',
      'draft.removed.0.reasonCode',
    ])
    await call(student, 'PUT', `${path()}/draft`, {
      plannedStart: '2027-02',
      plannedEnd: '2027-07',
      components: [components[0], { ...components[1], reasonCode: 'substituting-deleted' }, components[2]],
      removed: [{ key: 'a2', reasonCode: 'timetable-conflict' }],
    })
    expect((await call(student, 'POST', `${path()}/sign`, { name: 'The Student', position: 'Student' })).statusCode).toBe(200)
    t.mail.sent.length = 0
    expect((await call(host, 'POST', `${path()}/reject`, { comment: '' })).statusCode).toBe(400)
    const rejected = json(await call(host, 'POST', `${path()}/reject`, { comment: 'Tropical medicine is full this spring.' }))
    expect(rejected.agreement.versions[0]).toMatchObject({
      status: 'rejected',
      comment: 'Tropical medicine is full this spring.',
    })
    expect(t.mail.sent.some((m) => /needs changes/.test(m.subject) && /Tropical medicine is full/.test(m.text))).toBe(true)
    const again = json(await call(student, 'POST', `${path()}/versions`)).agreement.versions[0]
    expect(again).toMatchObject({
      number: 3,
      status: 'draft',
      kind: 'changes',
      removed: [{ key: 'a2', reasonCode: 'timetable-conflict' }],
    })
    expect(again.components.map((c: { key: string }) => c.key)).toEqual(['a1', 'a3', 'b1'])
  })

  it('prints any version as a PDF for those concerned, in their language', async () => {
    for (const [who, q] of [
      [student, '?version=1&lang=ko'],
      [host, '?lang=ru'],
      [officer, '?version=2'],
    ] as const) {
      const pdf = await call(who, 'GET', `${path()}/pdf${q}`)
      expect(pdf.statusCode, pdf.body).toBe(200)
      expect(pdf.headers['content-type']).toBe('application/pdf')
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    expect((await call(student, 'GET', `${path()}/pdf?version=9`)).statusCode).toBe(404)
    expect((await call(otherPartner, 'GET', `${path()}/pdf`)).statusCode).toBe(404)
  })
})
