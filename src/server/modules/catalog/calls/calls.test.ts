import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  demoInstitutions,
  demoUnits,
  json,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { academicYearOf } from '../../../../shared/agreements.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { announceOpenedCalls } from './calls.announce.js'

describe.each(TEST_DB_KINDS)('calls for applications on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let coordinator: Credentials
  let student: Credentials
  let partner: Credentials
  let homeId: string
  let minhoId: string
  let snuId: string
  let medUnit: string
  let otherUnit: string
  let minhoAgreement: string
  let mongoliaAgreement: string
  let mongoliaId: string
  const today = todayUtc()
  const start = Number(academicYearOf(today).slice(0, 4))
  const year = `${start + 1}/${start + 2}`

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    coordinator = await signInAs(t, 'coordinator')
    student = await signInAs(t, 'student')
    partner = await signInAs(t, 'partner')
    ;({ homeId, minhoId, snuId } = await demoInstitutions(t))
    ;({ medUnit, otherUnit } = await demoUnits(t))
    const agreements = await t.db
      .selectFrom('agreements as a')
      .innerJoin('agreement_parties as p', 'p.agreement_id', 'a.id')
      .innerJoin('institutions as i', 'i.id', 'p.institution_id')
      .select(['a.id', 'i.name', 'i.id as institution_id'])
      .where('i.is_home', '=', false)
      .execute()
    minhoAgreement = agreements.find((a) => a.name === 'University of Minho')!.id
    const mongolia = agreements.find((a) => a.name.startsWith('Mongolian'))!
    mongoliaAgreement = mongolia.id
    mongoliaId = mongolia.institution_id
  })
  afterAll(() => t?.close())

  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)

  const opportunity = async (over: object, publish = true) => {
    const res = await call(officer, 'POST', '/api/opportunities', {
      kind: 'exchange_semester',
      direction: 'outgoing',
      hostInstitutionId: minhoId,
      title: { en: 'Semester in Braga' },
      languages: [{ language: 'pt', minLevel: 'B1' }],
      durationWeeks: 20,
      ...over,
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = json(res).id as string
    if (publish)
      expect((await call(officer, 'POST', `/api/opportunities/${id}/status`, { status: 'published' })).statusCode).toBe(200)
    return id
  }

  const body = (offers: { opportunityId: string; places?: number | null }[], over: object = {}) => ({
    title: { en: `Outgoing exchanges ${year}`, ru: 'Исходящая мобильность' },
    description: { en: '<p>Apply <script>x()</script>by the deadline.</p>' },
    academicYear: year,
    audience: 'outgoing_students',
    opensAt: `${addDays(today, -1)}T09:00`,
    closesAt: `${addDays(today, 30)}T17:00`,
    timeZone: 'Asia/Almaty',
    maxChoices: 3,
    eligibility: { yearsOfStudy: [5, 4, 4], minGrade: 14, programmes: ['Medicine'] },
    requiredDocuments: ['transcript', 'language_certificate', 'transcript'],
    criteria: [
      { key: 'grades', label: 'Grade average', weight: 60 },
      { key: 'motivation', label: 'Motivation', weight: 40 },
    ],
    offers,
    ...over,
  })

  let semesterA: string
  let semesterB: string
  let elective: string
  let incoming: string
  let callId: string

  it("suggests places from the agreements' mobilities per year, shared by the opportunities that draw on one quota", async () => {
    semesterA = await opportunity({ agreementId: minhoAgreement })
    semesterB = await opportunity({ agreementId: minhoAgreement, title: { en: 'Second semester in Braga' } })
    elective = await opportunity({
      kind: 'clinical_elective',
      hostInstitutionId: mongoliaId,
      agreementId: mongoliaAgreement,
      title: { en: 'Surgery elective in Ulaanbaatar' },
      blocks: [
        { label: 'June', startsOn: `${start + 2}-06-01`, endsOn: `${start + 2}-06-28`, capacity: 3 },
        { label: 'July', startsOn: `${start + 2}-07-01`, endsOn: `${start + 2}-07-28`, capacity: 2 },
      ],
    })
    const plain = await opportunity({ hostInstitutionId: snuId, title: { en: 'Semester in Seoul' } })
    const res = await call(officer, 'POST', '/api/calls/place-suggestions', {
      academicYear: year,
      opportunityIds: [semesterA, semesterB, elective, plain],
    })
    expect(res.statusCode, res.body).toBe(200)
    const [a, b, e, p] = json(res).items
    // Minho: 2 student_studies places a year from us to them, shared by the two semesters.
    expect(a).toMatchObject({
      places: 1,
      source: 'agreement',
      quota: 2,
      sharedWith: 1,
      reason: 'shared',
      mobilityType: 'student_studies',
    })
    expect(b).toMatchObject({ places: 1, source: 'agreement', quota: 2, sharedWith: 1 })
    // Mongolia's affiliation is still in negotiation: its quota does not count; the periods do.
    expect(e).toMatchObject({ places: 5, source: 'periods', reason: 'agreement_not_in_force', agreementStatus: 'negotiation' })
    expect(p).toMatchObject({ places: null, source: null, reason: 'nothing' })

    // Outside the agreement's academic years there is no flow to go by.
    const later = json(
      await call(officer, 'POST', '/api/calls/place-suggestions', {
        academicYear: `${start + 9}/${start + 10}`,
        opportunityIds: [semesterA],
      }),
    )
    expect(later.items[0]).toMatchObject({ places: null, reason: 'no_flow' })
  })

  it('creates a draft call whose open places take the suggestion, in its own time zone, and audits it', async () => {
    const audits = await countAudit(t)
    const res = await call(
      officer,
      'POST',
      '/api/calls',
      body([{ opportunityId: semesterA }, { opportunityId: elective, places: 4 }]),
    )
    expect(res.statusCode, res.body).toBe(201)
    const created = json(res)
    callId = created.id
    expect(created).toMatchObject({
      status: 'draft',
      phase: 'open',
      academicYear: year,
      timeZone: 'Asia/Almaty',
      opensAtLocal: `${addDays(today, -1)}T09:00`,
      maxChoices: 3,
      eligibility: { yearsOfStudy: [4, 5], minGrade: 14, programmes: ['Medicine'], notes: null },
      requiredDocuments: ['transcript', 'language_certificate'],
      placesTotal: 6,
      placesLeft: 6,
    })
    expect(created.description.en).toBe('<p>Apply by the deadline.</p>')
    // Almaty is UTC+5: 09:00 there is 04:00 UTC.
    expect(created.opensAt).toBe(`${addDays(today, -1)}T04:00:00.000Z`)
    expect(created.offers.map((o: { places: number; suggestedPlaces: number | null }) => [o.places, o.suggestedPlaces])).toEqual([
      [2, 2],
      [4, 5],
    ])
    expect(await countAudit(t)).toBe(audits + 1)
  })

  it('refuses bad calls, naming the field, and changes nothing', async () => {
    incoming = await opportunity({
      kind: 'clinical_elective',
      direction: 'incoming',
      hostInstitutionId: homeId,
      durationWeeks: 4,
    })
    const seoul = await opportunity({ hostInstitutionId: snuId, title: { en: 'Another semester in Seoul' } })
    const before = await t.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const audits = await countAudit(t)
    const cases: [object, string][] = [
      [{ criteria: [{ key: 'grades', label: 'Grades', weight: 70 }] }, 'body.criteria'],
      [{ criteria: [{ key: 'Grades!', label: 'Grades', weight: 100 }] }, 'body.criteria.0.key'],
      [{ closesAt: `${addDays(today, -3)}T09:00` }, 'body.closesAt'],
      [{ opensAt: 'tomorrow' }, 'body.opensAt'],
      [{ timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ academicYear: '2027/2029' }, 'body.academicYear'],
      [{ audience: 'alumni' }, 'body.audience'],
      [{ maxChoices: 0 }, 'body.maxChoices'],
      [{ requiredDocuments: ['selfie'] }, 'body.requiredDocuments.0'],
      [{ title: {} }, 'body.title'],
      [{ offers: [{ opportunityId: semesterA }, { opportunityId: semesterA }] }, 'body.offers'],
      [{ offers: [{ opportunityId: incoming }] }, 'body.offers.0.opportunityId'],
      [{ offers: [{ opportunityId: '00000000-0000-4000-8000-000000000000' }] }, 'body.offers.0.opportunityId'],
      [{ offers: [{ opportunityId: semesterA, places: -1 }] }, 'body.offers.0.places'],
      [{ orgUnitId: '00000000-0000-4000-8000-000000000000' }, 'body.orgUnitId'],
      [{ surprise: true }, 'body.surprise'],
    ]
    for (const [over, path] of cases) {
      const res = await call(officer, 'POST', '/api/calls', body([{ opportunityId: semesterA }], over))
      expect(res.statusCode, `${JSON.stringify(over)}: ${res.body}`).toBe(400)
      expect(
        json(res).errors.map((e: { path: string }) => e.path),
        JSON.stringify(over),
      ).toContain(path)
    }
    // No agreement and no periods: the places must be given.
    const missing = await call(officer, 'POST', '/api/calls', body([{ opportunityId: seoul }]))
    expect(json(missing).errors).toEqual([{ path: 'body.offers.0.places', message: expect.stringContaining('give the places') }])
    const after = await t.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    expect(await countAudit(t)).toBe(audits)
  })

  it('publishes only a call that is ready, and then shows it to everyone', async () => {
    const draftOpportunity = await opportunity({ title: { en: 'Not yet published' } }, false)
    const unready = json(
      await call(officer, 'POST', '/api/calls', body([{ opportunityId: draftOpportunity, places: 1 }], { criteria: [] })),
    ).id
    const refused = await call(officer, 'POST', `/api/calls/${unready}/status`, { status: 'published' })
    expect(refused.statusCode).toBe(409)
    expect(
      json(refused)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['criteria', 'offers.0.opportunityId'])

    expect((await call(null, 'GET', `/api/public/calls/${callId}`)).statusCode).toBe(404)
    const published = await call(officer, 'POST', `/api/calls/${callId}/status`, { status: 'published' })
    expect(published.statusCode, published.body).toBe(200)
    expect(json(published).publishedAt).not.toBeNull()

    const shown = json(await call(null, 'GET', `/api/public/calls/${callId}`))
    expect(shown).toMatchObject({ status: 'published', phase: 'open', placesTotal: 6 })
    const open = json(await call(null, 'GET', '/api/public/calls?phase=open&audience=outgoing_students'))
    expect(open.items.map((c: { id: string }) => c.id)).toContain(callId)
    expect(open.items.every((c: { status: string; phase: string }) => c.status === 'published' && c.phase === 'open')).toBe(true)
    const upcoming = json(await call(null, 'GET', '/api/public/calls?phase=upcoming'))
    expect(upcoming.items.map((c: { id: string }) => c.id)).not.toContain(callId)
    expect(upcoming.items.every((c: { phase: string }) => c.phase === 'upcoming')).toBe(true)
    // The opportunity's catalog page lists the calls it is offered in.
    const offering = json(await call(null, 'GET', `/api/catalog/${semesterA}/calls`))
    expect(offering.items.map((c: { id: string }) => c.id)).toEqual([callId])
    // An opportunity taken out of the catalog is no longer shown in the public call.
    await call(officer, 'POST', `/api/opportunities/${elective}/status`, { status: 'archived' })
    expect(json(await call(null, 'GET', `/api/public/calls/${callId}`)).placesTotal).toBe(2)
    expect(json(await call(officer, 'GET', `/api/calls/${callId}`)).placesTotal).toBe(6)
    await call(officer, 'POST', `/api/opportunities/${elective}/status`, { status: 'published' })
  })

  it('keeps what applicants chose by once published, and never lets places fall below those taken', async () => {
    const current = json(await call(officer, 'GET', `/api/calls/${callId}`))
    const offers = [
      { opportunityId: semesterA, places: 1 },
      { opportunityId: elective, places: 4 },
    ]
    const refused = await call(
      officer,
      'PUT',
      `/api/calls/${callId}`,
      body(offers, { audience: 'staff', academicYear: `${start + 2}/${start + 3}` }),
    )
    expect(refused.statusCode).toBe(409)
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual(['body.audience', 'body.academicYear'])
    const moved = await call(officer, 'PUT', `/api/calls/${callId}`, body(offers, { opensAt: `${addDays(today, -2)}T09:00` }))
    expect(json(moved).errors.map((e: { path: string }) => e.path)).toEqual(['body.opensAt'])

    await t.db
      .updateTable('call_offers')
      .set({ places_taken: 3 })
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', elective)
      .execute()
    const below = await call(
      officer,
      'PUT',
      `/api/calls/${callId}`,
      body([
        { opportunityId: semesterA, places: 1 },
        { opportunityId: elective, places: 2 },
      ]),
    )
    expect(below.statusCode).toBe(400)
    expect(json(below).errors[0]).toEqual({
      path: 'body.offers.1.places',
      message: 'must be at least 3, the places already taken',
    })
    const dropped = await call(officer, 'PUT', `/api/calls/${callId}`, body([{ opportunityId: semesterA, places: 1 }]))
    expect(json(dropped).errors[0].path).toBe('body.offers')

    const grown = await call(
      officer,
      'PUT',
      `/api/calls/${callId}`,
      body([...offers, { opportunityId: semesterB, places: 2 }], { closesAt: `${addDays(today, 45)}T17:00` }),
    )
    expect(grown.statusCode, grown.body).toBe(200)
    expect(json(grown)).toMatchObject({ placesTotal: 7, placesLeft: 4, closesAtLocal: `${addDays(today, 45)}T17:00` })
    expect(json(grown).offers[1]).toMatchObject({ places: 4, placesTaken: 3, placesLeft: 1 })
    expect(current.updatedAt).not.toBe(json(grown).updatedAt)

    // Once closed, the call is kept as it was.
    await t.db
      .updateTable('calls')
      .set({ opens_at: new Date(Date.now() - 20 * 86_400_000), closes_at: new Date(Date.now() - 86_400_000) })
      .where('id', '=', callId)
      .execute()
    const closed = await call(officer, 'PUT', `/api/calls/${callId}`, body(offers))
    expect(closed.statusCode).toBe(409)
    expect(json(await call(null, 'GET', `/api/public/calls/${callId}`)).phase).toBe('closed')
    expect((await call(officer, 'POST', `/api/calls/${callId}/status`, { status: 'draft' })).statusCode).toBe(409)
  })

  it('cancels only with a reason, and a cancelled call leaves the public list', async () => {
    const id = json(
      await call(
        officer,
        'POST',
        '/api/calls',
        body([{ opportunityId: semesterB, places: 1 }], { opensAt: `${addDays(today, 5)}T09:00` }),
      ),
    ).id
    expect((await call(officer, 'POST', `/api/calls/${id}/status`, { status: 'published' })).statusCode).toBe(200)
    expect(json(await call(null, 'GET', `/api/public/calls/${id}`)).phase).toBe('upcoming')
    // Before it opens it may go back to draft.
    expect((await call(officer, 'POST', `/api/calls/${id}/status`, { status: 'draft' })).statusCode).toBe(200)
    const noReason = await call(officer, 'POST', `/api/calls/${id}/status`, { status: 'cancelled' })
    expect(noReason.statusCode).toBe(400)
    expect(json(noReason).errors[0].path).toBe('body.reason')
    const cancelled = await call(officer, 'POST', `/api/calls/${id}/status`, {
      status: 'cancelled',
      reason: 'The agreement was not renewed.',
    })
    expect(json(cancelled)).toMatchObject({ status: 'cancelled', cancelReason: 'The agreement was not renewed.' })
    expect((await call(null, 'GET', `/api/public/calls/${id}`)).statusCode).toBe(404)
    expect((await call(officer, 'PUT', `/api/calls/${id}`, body([{ opportunityId: semesterB, places: 1 }]))).statusCode).toBe(409)
    expect((await call(officer, 'POST', `/api/calls/${id}/status`, { status: 'published' })).statusCode).toBe(409)
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', id)
      .orderBy('occurred_at')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'publish', 'unpublish', 'cancel'])
  })

  it('lets the office in, coordinators for their own unit only, and no one else', async () => {
    for (const who of [student, partner, null]) {
      expect((await call(who, 'GET', '/api/calls')).statusCode).toBe(who ? 403 : 401)
      expect((await call(who, 'GET', `/api/calls/${callId}`)).statusCode).toBe(who ? 403 : 401)
      expect((await call(who, 'POST', '/api/calls', body([{ opportunityId: semesterA }]))).statusCode).toBe(who ? 403 : 401)
      expect(
        (await call(who, 'POST', '/api/calls/place-suggestions', { academicYear: year, opportunityIds: [semesterA] })).statusCode,
      ).toBe(who ? 403 : 401)
    }
    expect((await call(coordinator, 'POST', '/api/calls', body([{ opportunityId: semesterA }]))).statusCode).toBe(403)
    expect(
      (await call(coordinator, 'POST', '/api/calls', body([{ opportunityId: semesterA }], { orgUnitId: otherUnit }))).statusCode,
    ).toBe(403)
    const own = await call(coordinator, 'POST', '/api/calls', body([{ opportunityId: semesterA }], { orgUnitId: medUnit }))
    expect(own.statusCode, own.body).toBe(201)
    expect(
      (await call(coordinator, 'PUT', `/api/calls/${json(own).id}`, body([{ opportunityId: semesterA }], { orgUnitId: medUnit })))
        .statusCode,
    ).toBe(200)
    const officers = json(
      await call(officer, 'POST', '/api/calls', body([{ opportunityId: semesterA }], { orgUnitId: otherUnit })),
    ).id
    expect(
      (await call(coordinator, 'PUT', `/api/calls/${officers}`, body([{ opportunityId: semesterA }], { orgUnitId: otherUnit })))
        .statusCode,
    ).toBe(403)
    expect((await call(coordinator, 'POST', `/api/calls/${officers}/status`, { status: 'published' })).statusCode).toBe(403)
    // Drafts are the office's own.
    const drafts = json(await call(officer, 'GET', '/api/calls?status=draft&pageSize=100'))
    expect(drafts.items.length).toBeGreaterThan(0)
    expect(drafts.items.every((c: { status: string }) => c.status === 'draft')).toBe(true)
    const publicList = json(await call(null, 'GET', '/api/public/calls?pageSize=100'))
    expect(publicList.items.every((c: { status: string }) => c.status === 'published')).toBe(true)
    expect((await call(null, 'GET', '/api/public/calls?status=draft')).statusCode).toBe(400)
  })

  it('tells the people who asked, once, when a call offering their opportunity opens', async () => {
    expect((await call(student, 'PUT', `/api/me/alerts/${semesterB}`)).statusCode).toBe(204)
    expect((await call(student, 'PUT', `/api/me/alerts/${semesterB}`)).statusCode).toBe(204)
    expect((await call(student, 'PUT', '/api/me/alerts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect(json(await call(student, 'GET', '/api/me/alerts')).items.map((i: { id: string }) => i.id)).toEqual([semesterB])
    expect((await call(null, 'PUT', `/api/me/alerts/${semesterB}`)).statusCode).toBe(401)

    const id = json(
      await call(
        officer,
        'POST',
        '/api/calls',
        body([{ opportunityId: semesterB, places: 1 }], { opensAt: `${addDays(today, 2)}T09:00` }),
      ),
    ).id
    await call(officer, 'POST', `/api/calls/${id}/status`, { status: 'published' })
    t.mail.sent.length = 0
    // Not open yet: nobody is told.
    await announceOpenedCalls(t.deps)
    expect(t.mail.sent.filter((m) => m.subject.includes(year))).toEqual([])
    const opened = await announceOpenedCalls(t.deps, new Date(Date.now() + 3 * 86_400_000))
    expect(opened.mails).toBe(1)
    const mail = t.mail.sent.find((m) => m.subject.startsWith('Applications are open'))!
    expect(mail.text).toContain('Second semester in Braga')
    expect(mail.text).toContain(`/calls/${id}`)
    expect(mail.text).toContain('Asia/Almaty')
    // The request is fulfilled and the call is announced: a second run sends nothing.
    expect(json(await call(student, 'GET', '/api/me/alerts')).items).toEqual([])
    expect((await announceOpenedCalls(t.deps, new Date(Date.now() + 3 * 86_400_000))).mails).toBe(0)
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'opening_alert').execute()
    expect(audit.map((a) => a.action)).toEqual(['create'])
  })
})
