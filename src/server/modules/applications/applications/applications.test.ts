import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { demoEmail } from '../../../db/seed/demo.js'
import { lapseOffers } from '../../selection/allocation/allocation.service.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not a PDF', 'latin1')
const MOTIVATION = 'I want to train in a university hospital abroad and bring back what I learn to our clinics.'
const PROFILE = {
  studentNumber: 'S-1001',
  yearOfStudy: 5,
  programme: 'Medicine',
  gradeAverage: 88,
  languages: { en: 'C1', pt: 'B2' },
}

describe.each(TEST_DB_KINDS)('applications, review and allocation in a call on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let coordinator: Credentials
  let reviewer: Credentials
  let partner: Credentials
  let students: Credentials[]
  let callId: string
  let offers: string[]
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const upload = (who: Credentials, appId: string, kindName: string, body: Buffer, type: string, name = `${kindName}.pdf`) =>
    t.app.inject({
      method: 'POST',
      url: `/api/applications/${appId}/documents?kind=${kindName}&name=${encodeURIComponent(name)}`,
      headers: { ...who.headers, 'content-type': type },
      payload: body,
    })

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    coordinator = await signInAs(t, 'coordinator')
    reviewer = await signInAs(t, 'reviewer')
    partner = await signInAs(t, 'partner')
    const made = await t.db
      .insertInto('users')
      .values(
        [1, 2, 3, 4].map((i) => ({ email: `applicant${i}@example.test`, name: `Applicant ${i}`, role: 'student' as const })),
      )
      .returning('id')
      .execute()
    students = await Promise.all(made.map((u) => sessionFor(t, u.id)))
    const open = await t.db.selectFrom('calls').select('id').where('audience', '=', 'outgoing_students').executeTakeFirstOrThrow()
    callId = open.id
    // Two places in two opportunities without language or year conditions, and one that asks for Portuguese B1.
    const rows = await t.db
      .selectFrom('call_offers')
      .select('opportunity_id')
      .where('call_id', '=', callId)
      .orderBy('position')
      .execute()
    offers = rows.map((r) => r.opportunity_id).slice(0, 3)
    await t.db.updateTable('call_offers').set({ places: 1 }).where('call_id', '=', callId).execute()
    await t.db
      .updateTable('opportunities')
      .set({ languages: '[]', years_of_study: [], min_grade: null })
      .where('id', 'in', offers.slice(0, 2))
      .execute()
    await t.db
      .updateTable('opportunities')
      .set({ languages: JSON.stringify([{ language: 'pt', minLevel: 'B1' }]), years_of_study: [], min_grade: null })
      .where('id', '=', offers[2]!)
      .execute()
  })
  afterAll(() => t?.close())

  const draft = async (who: Credentials, choices: string[], profile: object = PROFILE) => {
    const res = await call(who, 'PUT', `/api/calls/${callId}/application`, { profile, choices, motivation: MOTIVATION })
    expect(res.statusCode, res.body).toBe(200)
    return json(res)
  }
  const complete = async (who: Credentials, choices: string[], profile: object = PROFILE) => {
    const app = await draft(who, choices, profile)
    for (const k of ['transcript', 'language_certificate', 'motivation_letter'])
      expect((await upload(who, app.id, k, PDF, 'application/pdf')).statusCode).toBe(201)
    const res = await call(who, 'POST', `/api/applications/${app.id}/submit`)
    expect(res.statusCode, res.body).toBe(200)
    return json(res)
  }

  it('keeps a draft with the profile, refuses what the call does not offer, and explains each unmet requirement', async () => {
    const before = await countAudit(t)
    const bad = await call(students[0]!, 'PUT', `/api/calls/${callId}/application`, {
      profile: PROFILE,
      choices: [offers[0], '00000000-0000-4000-8000-000000000000'],
      motivation: '',
    })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors).toEqual([{ path: 'body.choices.1', message: 'is not offered in this call' }])
    const badLevel = await call(students[0]!, 'PUT', `/api/calls/${callId}/application`, {
      profile: { ...PROFILE, languages: { pt: 'B7' } },
      choices: [],
    })
    expect(badLevel.statusCode).toBe(400)
    expect(json(badLevel).errors[0].path).toBe('body.profile.languages.pt')
    expect(await countAudit(t)).toBe(before)

    const app = await draft(students[0]!, [offers[2]!, offers[0]!], { ...PROFILE, languages: { pt: 'A2' } })
    expect(app.status).toBe('draft')
    expect(app.choices[0].unmet).toEqual([{ rule: 'language', required: [{ language: 'pt', level: 'B1' }], has: { pt: 'A2' } }])
    expect(app.choices[1].unmet).toEqual([])
    expect(app.missingDocuments).toEqual(['transcript', 'language_certificate', 'motivation_letter'])
    const profile = json(await call(students[0]!, 'GET', '/api/me/profile'))
    expect(profile.languages).toEqual({ pt: 'A2' })

    const refused = await call(students[0]!, 'POST', `/api/applications/${app.id}/submit`)
    expect(refused.statusCode).toBe(400)
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual([
      'choices.0',
      'documents.transcript',
      'documents.language_certificate',
      'documents.motivation_letter',
    ])
  })

  it('checks uploads by their content, cleans names, encrypts identity documents and logs every download', async () => {
    const [app] = json(await call(students[0]!, 'GET', '/api/me/applications')).items
    expect((await upload(students[0]!, app.id, 'transcript', EXE, 'application/pdf')).statusCode).toBe(415)
    const mismatch = await upload(students[0]!, app.id, 'transcript', PNG, 'application/pdf')
    expect(mismatch.statusCode).toBe(400)
    expect(json(mismatch).errors[0].message).toMatch(/is a PNG file/)
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])
    expect((await upload(students[0]!, app.id, 'transcript', big, 'application/pdf')).statusCode).toBe(413)
    expect((await upload(students[0]!, app.id, 'dossier', PDF, 'application/pdf')).statusCode).toBe(400)
    expect((await upload(students[1]!, app.id, 'transcript', PDF, 'application/pdf')).statusCode).toBe(404)

    const ok = await upload(students[0]!, app.id, 'transcript', PDF, 'application/pdf', '../../etc/\u0007grades.exe')
    expect(ok.statusCode, ok.body).toBe(201)
    expect(json(ok)).toMatchObject({ kind: 'transcript', fileName: 'grades.pdf', special: false })

    const passport = json(await upload(students[0]!, app.id, 'passport', PDF, 'application/pdf', 'passport.pdf'))
    expect(passport.special).toBe(true)
    const stored = await t.db
      .selectFrom('documents')
      .select(['content', 'encrypted'])
      .where('id', '=', passport.id)
      .executeTakeFirstOrThrow()
    expect(stored.encrypted).toBe(true)
    expect(stored.content.includes(Buffer.from('%PDF'))).toBe(false)
    const down = await call(students[0]!, 'GET', `/api/documents/${passport.id}`)
    expect(down.statusCode).toBe(200)
    expect(down.rawPayload.equals(PDF)).toBe(true)
    expect(down.headers['content-type']).toBe('application/pdf')
    expect((await call(students[1]!, 'GET', `/api/documents/${passport.id}`)).statusCode).toBe(404)
    expect((await call(partner, 'GET', `/api/documents/${passport.id}`)).statusCode).toBe(404)
    expect((await call(officer, 'GET', `/api/documents/${passport.id}`)).statusCode).toBe(200)
    const log = json(await call(students[0]!, 'GET', `/api/applications/${app.id}/document-log`)).items
    expect(log.filter((l: { documentId: string }) => l.documentId === passport.id).map((l: { by: string }) => l.by)).toEqual([
      'Daniyar Akhmetov',
      'Applicant 1',
    ])
    await expect(t.db.deleteFrom('document_access_log').execute()).rejects.toThrow(/append-only/)
  })

  it('submits before the deadline only, and a submitted application no longer changes', async () => {
    const app = await complete(students[0]!, [offers[0]!, offers[1]!], { ...PROFILE, languages: { pt: 'A2' } })
    expect(app.status).toBe('submitted')
    const again = await call(students[0]!, 'PUT', `/api/calls/${callId}/application`, {
      profile: PROFILE,
      choices: [offers[1]],
      motivation: MOTIVATION,
    })
    expect(again.statusCode).toBe(409)
    expect((await upload(students[0]!, app.id, 'cv', PDF, 'application/pdf')).statusCode).toBe(409)
    // Someone else's application is not there for another student, a partner, or a coordinator of another unit.
    for (const who of [students[1]!, partner, coordinator])
      expect((await call(who, 'GET', `/api/applications/${app.id}`)).statusCode).toBe(404)
    expect((await call(coordinator, 'GET', `/api/calls/${callId}/applications`)).statusCode).toBe(404)
    expect((await call(students[1]!, 'GET', `/api/calls/${callId}/applications`)).statusCode).toBe(403)
  })

  it('lets the office name reviewers, who score on the criteria or declare a conflict and then no longer see it', async () => {
    for (const [i, who] of [students[1]!, students[2]!, students[3]!].entries())
      await complete(who, i === 2 ? [offers[0]!] : [offers[0]!, offers[1]!])
    const reviewerId = reviewer.userId
    const bad = await call(officer, 'PUT', `/api/calls/${callId}/reviewers`, { userIds: [reviewerId, students[1]!.userId] })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors[0].path).toBe('body.userIds.1')
    // Each newly named reviewer hears of it once (not on a refused list); naming them again tells nobody.
    const asked = () => t.mail.sent.filter((m) => /^You are asked to review/.test(m.subject)).map((m) => m.to)
    expect(asked()).toEqual([])
    const set = await call(officer, 'PUT', `/api/calls/${callId}/reviewers`, { userIds: [reviewerId, officer.userId] })
    expect(set.statusCode).toBe(200)
    expect(json(set).items).toHaveLength(2)
    expect(asked().sort()).toEqual([demoEmail('officer'), demoEmail('reviewer')].sort())
    await call(officer, 'PUT', `/api/calls/${callId}/reviewers`, { userIds: [reviewerId, officer.userId] })
    expect(asked()).toHaveLength(2)

    const queue = json(await call(reviewer, 'GET', '/api/reviews')).items.filter((r: { callId: string }) => r.callId === callId)
    expect(queue).toHaveLength(4)
    const apps = json(await call(officer, 'GET', `/api/calls/${callId}/applications`)).items as {
      id: string
      applicant: { name: string }
    }[]
    const idOf = (name: string) => apps.find((a) => a.applicant.name === name)!.id
    const seen = json(await call(reviewer, 'GET', `/api/applications/${idOf('Applicant 2')}`))
    expect(seen.applicant.email).toBe('')
    expect(seen.documents.every((d: { special: boolean }) => !d.special)).toBe(true)

    const wrongKey = await call(reviewer, 'PUT', `/api/reviews/${idOf('Applicant 2')}`, { scores: { charm: 90 }, comment: null })
    expect(wrongKey.statusCode).toBe(400)
    expect(json(wrongKey).errors[0].path).toBe('body.scores.charm')
    expect((await call(reviewer, 'PUT', `/api/reviews/${idOf('Applicant 2')}`, { scores: { grades: 101 } })).statusCode).toBe(400)

    const score = (who: Credentials, name: string, grades: number, language: number, motivation: number) =>
      call(who, 'PUT', `/api/reviews/${idOf(name)}`, { scores: { grades, language, motivation }, comment: 'fine' })
    expect((await score(reviewer, 'Applicant 1', 80, 80, 80)).statusCode).toBe(200)
    expect((await score(reviewer, 'Applicant 2', 90, 90, 90)).statusCode).toBe(200)
    expect((await score(reviewer, 'Applicant 3', 70, 70, 70)).statusCode).toBe(200)
    expect((await score(officer, 'Applicant 1', 60, 60, 60)).statusCode).toBe(200)
    const conflict = await call(reviewer, 'POST', `/api/reviews/${idOf('Applicant 4')}/conflict`, { note: 'My cousin' })
    expect(conflict.statusCode).toBe(204)
    expect((await call(reviewer, 'GET', `/api/applications/${idOf('Applicant 4')}`)).statusCode).toBe(404)
    expect((await score(reviewer, 'Applicant 4', 50, 50, 50)).statusCode).toBe(404)
    expect(
      json(await call(reviewer, 'GET', '/api/reviews')).items.find((r: { conflict: boolean }) => r.conflict).applicantName,
    ).toBe('Applicant 4')
    expect((await score(officer, 'Applicant 4', 95, 95, 95)).statusCode).toBe(200)

    const list = json(await call(officer, 'GET', `/api/calls/${callId}/applications?status=submitted`)).items
    // Applicant 1: mean of 80 and 60 on every criterion = 70.
    expect(list.map((a: { applicant: { name: string }; score: number }) => [a.applicant.name, a.score])).toEqual([
      ['Applicant 4', 95],
      ['Applicant 2', 90],
      ['Applicant 1', 70],
      ['Applicant 3', 70],
    ])
  })

  it('runs a dry run, records adjustments with the blocking pairs they create, and publishes after the call closes', async () => {
    const dry = json(await call(officer, 'GET', `/api/calls/${callId}/allocation`))
    expect(dry.phase).toBe('open')
    expect(dry.unscored).toBe(0)
    // One place each in offers 0 and 1: Applicant 4 takes the first, Applicant 2 the second.
    const byName = (view: { rows: { name: string; assigned: string | null; explanations: unknown[] }[] }, name: string) =>
      view.rows.find((r) => r.name === name)!
    expect(byName(dry, 'Applicant 4')).toMatchObject({ assigned: offers[0], choice: 1 })
    expect(byName(dry, 'Applicant 2')).toMatchObject({ assigned: offers[1], choice: 2 })
    expect(dry.stats).toMatchObject({ applicants: 4, placed: 2, unplaced: 2, byChoice: [1, 1] })
    expect(byName(dry, 'Applicant 1').explanations).toEqual([
      { opportunityId: offers[0], reason: 'full', lastAdmittedScore: 95, score: 70 },
      { opportunityId: offers[1], reason: 'full', lastAdmittedScore: 90, score: 70 },
    ])

    const apps = json(await call(officer, 'GET', `/api/calls/${callId}/applications`)).items as {
      id: string
      applicant: { name: string }
    }[]
    const idOf = (name: string) => apps.find((a) => a.applicant.name === name)!.id
    const noReason = await call(officer, 'POST', `/api/calls/${callId}/allocation/adjustments`, {
      applicationId: idOf('Applicant 1'),
      opportunityId: offers[1],
      reason: '',
    })
    expect(noReason.statusCode).toBe(400)
    const notChosen = await call(officer, 'POST', `/api/calls/${callId}/allocation/adjustments`, {
      applicationId: idOf('Applicant 4'),
      opportunityId: offers[1],
      reason: 'Swap',
    })
    expect(json(notChosen).errors[0].path).toBe('body.opportunityId')
    const adjusted = json(
      await call(officer, 'POST', `/api/calls/${callId}/allocation/adjustments`, {
        applicationId: idOf('Applicant 2'),
        opportunityId: null,
        reason: 'Failed the interview',
      }),
    )
    expect(byName(adjusted, 'Applicant 2').assigned).toBeNull()
    expect(adjusted.blockingPairs).toContainEqual({ applicant: idOf('Applicant 2'), opportunity: offers[1], instead: null })
    const undone = json(await call(officer, 'DELETE', `/api/calls/${callId}/allocation/adjustments/${idOf('Applicant 2')}`))
    expect(undone.blockingPairs).toEqual([])

    const early = await call(officer, 'POST', `/api/calls/${callId}/allocation/publish`, {
      offerDeadline: '2099-01-01T00:00:00Z',
    })
    expect(early.statusCode).toBe(409)
    await t.db
      .updateTable('calls')
      .set({ opens_at: new Date(Date.now() - 20 * 86_400_000), closes_at: new Date(Date.now() - 86_400_000) })
      .where('id', '=', callId)
      .execute()
    const late = await call(students[0]!, 'PUT', `/api/calls/${callId}/application`, {
      profile: PROFILE,
      choices: [],
      motivation: '',
    })
    expect(late.statusCode).toBe(409)
    expect(json(late).detail).toMatch(/closed at .* \(Asia\/Almaty\)/)
    expect((await call(officer, 'POST', `/api/calls/${callId}/allocation/publish`, { offerDeadline: 'soon' })).statusCode).toBe(
      400,
    )

    t.mail.sent.length = 0
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const published = await call(officer, 'POST', `/api/calls/${callId}/allocation/publish`, { offerDeadline: deadline })
    expect(published.statusCode, published.body).toBe(200)
    expect(json(published).published.offerDeadline).toBe(deadline)
    expect(t.mail.sent.map((m) => m.to).sort()).toEqual([
      'applicant1@example.test',
      'applicant2@example.test',
      'applicant3@example.test',
      'applicant4@example.test',
    ])
    expect(t.mail.sent.find((m) => m.to === 'applicant4@example.test')!.text).toMatch(/You are offered a place/)
    expect((await call(officer, 'POST', `/api/calls/${callId}/allocation/publish`, { offerDeadline: deadline })).statusCode).toBe(
      409,
    )
    expect((await call(reviewer, 'PUT', `/api/reviews/${idOf('Applicant 1')}`, { scores: { grades: 1 } })).statusCode).toBe(409)
  })

  it('gives a declined place to the next in line and tells only those whose result changes', async () => {
    const mine = async (who: Credentials) => json(await call(who, 'GET', '/api/me/applications')).items[0]
    const four = await mine(students[3]!)
    expect(four.status).toBe('offered')
    expect(four.offer.opportunityId).toBe(offers[0])
    const one = await mine(students[0]!)
    expect(one.status).toBe('waitlisted')
    const why = json(await call(students[0]!, 'GET', `/api/applications/${one.id}/result`))
    expect(why.explanations.map((e: { reason: string }) => e.reason)).toEqual(['full', 'full'])
    expect((await call(students[0]!, 'POST', `/api/applications/${one.id}/answer`, { answer: 'accept' })).statusCode).toBe(409)
    expect((await call(students[0]!, 'POST', `/api/applications/${four.id}/answer`, { answer: 'accept' })).statusCode).toBe(404)

    t.mail.sent.length = 0
    const declined = await call(students[3]!, 'POST', `/api/applications/${four.id}/answer`, { answer: 'decline' })
    expect(declined.statusCode).toBe(200)
    expect(json(declined).status).toBe('declined')
    // Applicant 2 (90) moves up to offer 0, Applicant 1 (70, lottery against Applicant 3) or 3 gets offer 1.
    const two = await mine(students[1]!)
    expect(two).toMatchObject({ status: 'offered', offer: { opportunityId: offers[0], choice: 1 } })
    // The one who declined has their receipt; of the others, only those whose result changed hear.
    const receipt = t.mail.sent.at(-1)
    const results = t.mail.sent.slice(0, -1)
    expect(receipt).toMatchObject({
      to: 'applicant4@example.test',
      subject: expect.stringMatching(/^You have declined your place/),
    })
    const told = results.map((m) => m.to).sort()
    expect(told).toContain('applicant2@example.test')
    expect(told).not.toContain('applicant4@example.test')
    expect(told).toHaveLength(2)

    const accepted = await call(students[1]!, 'POST', `/api/applications/${two.id}/answer`, { answer: 'accept' })
    expect(json(accepted).status).toBe('accepted')
    const taken = await t.db
      .selectFrom('call_offers')
      .select('places_taken')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', offers[0]!)
      .executeTakeFirstOrThrow()
    expect(taken.places_taken).toBe(1)

    // An offer left unanswered lapses at its deadline and its place goes on.
    const offered = await t.db
      .selectFrom('applications')
      .select('id')
      .where('call_id', '=', callId)
      .where('status', '=', 'offered')
      .executeTakeFirstOrThrow()
    await t.db
      .updateTable('applications')
      .set({ offer_deadline: new Date(Date.now() - 1000) })
      .where('id', '=', offered.id)
      .execute()
    const lapsed = await lapseOffers(t.deps)
    expect(lapsed).toEqual({ calls: 1, lapsed: 1 })
    const statuses = await t.db.selectFrom('applications').select(['id', 'status']).where('call_id', '=', callId).execute()
    expect(statuses.find((s) => s.id === offered.id)!.status).toBe('declined')
    expect(statuses.filter((s) => s.status === 'offered')).toHaveLength(1)
  })

  it('gives a withdrawn place on, lets the office withdraw for an applicant, and never a reviewer', async () => {
    const mine = async (who: Credentials) => json(await call(who, 'GET', '/api/me/applications')).items[0]
    const two = await mine(students[1]!)
    expect(two.status).toBe('accepted')
    expect((await call(reviewer, 'POST', `/api/applications/${two.id}/withdraw`, { reason: null })).statusCode).toBe(403)
    t.mail.sent.length = 0
    const withdrawn = await call(students[1]!, 'POST', `/api/applications/${two.id}/withdraw`, { reason: 'Family reasons' })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    expect(json(withdrawn)).toMatchObject({ status: 'withdrawn', withdrawReason: 'Family reasons' })
    const taken = await t.db
      .selectFrom('call_offers')
      .select('places_taken')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', offers[0]!)
      .executeTakeFirstOrThrow()
    expect(taken.places_taken).toBe(0)
    // The one still waiting on the second place moves up to the first, and only they are told.
    const offered = await t.db
      .selectFrom('applications')
      .select(['id', 'offered_opportunity_id'])
      .where('call_id', '=', callId)
      .where('status', '=', 'offered')
      .execute()
    expect(offered).toHaveLength(1)
    expect(offered[0]!.offered_opportunity_id).toBe(offers[0])
    expect(t.mail.sent.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Your place has changed/),
      expect.stringMatching(/^Your application is withdrawn/),
    ])
    expect(t.mail.sent[1]!.to).toBe('applicant2@example.test')

    const byOffice = await call(officer, 'POST', `/api/applications/${offered[0]!.id}/withdraw`, { reason: 'Asked by e-mail' })
    expect(json(byOffice).status).toBe('withdrawn')
    expect((await call(officer, 'POST', `/api/applications/${offered[0]!.id}/withdraw`, { reason: null })).statusCode).toBe(409)
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', offered[0]!.id)
      .where('action', '=', 'withdraw')
      .executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(officer.userId)
  })

  it("deletes a document at the person's request through the office, never by the applicant once submitted", async () => {
    const one = json(await call(students[0]!, 'GET', '/api/me/applications')).items[0]
    const doc = one.documents.find((d: { special: boolean }) => !d.special)
    expect((await call(students[0]!, 'DELETE', `/api/documents/${doc.id}`)).statusCode).toBe(409)
    expect((await call(reviewer, 'DELETE', `/api/documents/${doc.id}`)).statusCode).toBe(403)
    t.mail.sent.length = 0
    expect((await call(officer, 'DELETE', `/api/documents/${doc.id}`)).statusCode).toBe(204)
    expect((await call(students[0]!, 'GET', `/api/documents/${doc.id}`)).statusCode).toBe(404)
    // The person hears that it is gone, in Meridian and by mail.
    expect(t.mail.sent.map((m) => m.subject)).toEqual([`Your document is deleted: ${doc.fileName}`])
    const told = json(await call(students[0]!, 'GET', '/api/me/notifications')).items[0]
    expect(told.subject).toBe(`Your document is deleted: ${doc.fileName}`)
    const log = json(await call(students[0]!, 'GET', `/api/applications/${one.id}/document-log`)).items
    expect(log.find((l: { documentId: string }) => l.documentId === doc.id)).toMatchObject({
      action: 'delete',
      by: 'Daniyar Akhmetov',
    })
  })
})
