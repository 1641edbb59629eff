import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  demoInstitutions,
  demoUnits,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { agreementBody, buildUser, conditionBody } from '../../../../../test/factories.js'
import type { ApplicationStatus } from '../../../../shared/applications.js'
import type { MobilityReport } from '../../../../shared/reports.js'
import { seedHistory } from '../../../db/seed/history.js'
import { todayUtc } from '../../../kernel/dates.js'

// Years no demo data reaches, so that every figure below is the suite's own.
const Y1 = '2040/2041'
const Y2 = '2041/2042'
const DATES = { startDate: '2040-09-01', endDate: '2042-08-31' }

describe.each(TEST_DB_KINDS)('the mobility report on %s', (kind) => {
  let t: TestApp
  let call: ReturnType<typeof caller>
  let officer: Credentials
  let coordinator: Credentials
  let ids: Awaited<ReturnType<typeof demoInstitutions>>
  let units: Awaited<ReturnType<typeof demoUnits>>
  const report = async (who: Credentials, query: string) => {
    const res = await call(who, 'GET', `/api/reports/mobility?${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return json<MobilityReport>(res)
  }

  /** A call of the year with one opportunity, and what became of one application per entry. */
  async function round(
    year: string,
    opts: { direction: 'outgoing' | 'incoming'; staff?: boolean; hostId: string; unitId?: string | null; isced?: string },
    people: {
      status: ApplicationStatus
      from?: string
      mobility?: { status: 'abroad' | 'returned' | 'recognised'; arrived: string; left?: string; credits?: number[] }
    }[],
  ) {
    const { homeId } = ids
    const opportunity = await t.db
      .insertInto('opportunities')
      .values({
        kind: opts.staff ? 'staff_teaching' : opts.direction === 'outgoing' ? 'exchange_semester' : 'clinical_elective',
        direction: opts.direction,
        status: 'published',
        host_institution_id: opts.direction === 'outgoing' ? opts.hostId : homeId,
        title: JSON.stringify({ en: `Place ${year}` }),
        isced: opts.isced ?? '0912',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const c = await t.db
      .insertInto('calls')
      .values({
        title: JSON.stringify({ en: `Round ${year}` }),
        academic_year: year,
        audience: opts.staff ? 'staff' : opts.direction === 'outgoing' ? 'outgoing_students' : 'incoming_students',
        org_unit_id: opts.unitId ?? null,
        opens_at: new Date('2040-01-01T00:00:00Z'),
        closes_at: new Date('2040-02-01T00:00:00Z'),
        time_zone: 'Europe/Lisbon',
        max_choices: 3,
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const p of people) {
      const person = await buildUser(t.db, {
        role: opts.staff ? 'staff' : 'student',
        institution_id: opts.direction === 'incoming' ? (p.from ?? opts.hostId) : null,
      })
      const placed = !['submitted', 'waitlisted', 'draft'].includes(p.status)
      const a = await t.db
        .insertInto('applications')
        .values({
          call_id: c.id,
          applicant_id: person.id,
          status: p.status,
          submitted_at: p.status === 'draft' ? null : new Date('2040-01-15T00:00:00Z'),
          offered_opportunity_id: placed ? opportunity.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await t.db
        .insertInto('application_choices')
        .values({ application_id: a.id, rank: 1, opportunity_id: opportunity.id })
        .execute()
      if (p.mobility) {
        const over = p.mobility.status !== 'abroad'
        await t.db
          .insertInto('mobilities')
          .values({
            application_id: a.id,
            status: p.mobility.status,
            arrived_on: p.mobility.arrived,
            left_on: p.mobility.left ?? null,
            transcript_at: over ? new Date() : null,
            recognition: JSON.stringify(
              (p.mobility.credits ?? []).map((credits, i) => ({
                key: `b${i}`,
                recognised: credits > 0,
                credits: Math.abs(credits),
                grade: null,
                note: null,
              })),
            ),
            recognised_at: p.mobility.status === 'recognised' ? new Date() : null,
          })
          .execute()
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    call = caller(t)
    officer = await signInAs(t, 'officer')
    ids = await demoInstitutions(t)
    units = await demoUnits(t)
    coordinator = await sessionFor(t, (await buildUser(t.db, { role: 'coordinator', org_unit_id: units.medUnit })).id)
    const { homeId, minhoId, snuId } = ids
    // Year 1: five of ours applied for Minho in the faculty of medicine: one withdrew before
    // anything, one is waiting, one was rejected by the host, one is back with 28 of 30 credits
    // recognised (a 2-credit component was not), one is back without recognition yet.
    await round(Y1, { direction: 'outgoing', hostId: minhoId, unitId: units.medUnit }, [
      { status: 'withdrawn' },
      { status: 'waitlisted' },
      { status: 'host_rejected' },
      {
        status: 'host_accepted',
        mobility: { status: 'recognised', arrived: '2041-02-01', left: '2041-06-30', credits: [20, 8, -2] },
      },
      { status: 'host_accepted', mobility: { status: 'returned', arrived: '2041-02-01', left: '2041-02-28' } },
    ])
    // Year 2: two of ours to SNU through another unit, one abroad and one preparing; a draft that never counts.
    await round(Y2, { direction: 'outgoing', hostId: snuId, unitId: units.otherUnit, isced: '0911' }, [
      { status: 'host_accepted', mobility: { status: 'abroad', arrived: '2042-03-01' } },
      { status: 'host_accepted' },
      { status: 'draft' },
    ])
    // Year 2: two visiting students from Minho, one here, one who declined; a visiting professor from SNU.
    await round(Y2, { direction: 'incoming', hostId: minhoId }, [
      { status: 'host_accepted', mobility: { status: 'abroad', arrived: '2042-04-01' } },
      { status: 'declined' },
    ])
    await round(Y2, { direction: 'incoming', staff: true, hostId: snuId }, [
      { status: 'host_accepted', mobility: { status: 'returned', arrived: '2042-05-04', left: '2042-05-08' } },
    ])
    // Agreements plan three places a year to Minho (for the faculty of medicine) in both years,
    // and one professor a year from SNU in year 2.
    const planned = await call(
      officer,
      'POST',
      '/api/agreements',
      agreementBody(homeId, minhoId, {
        title: 'Medicine with Minho',
        ...DATES,
        conditions: [
          conditionBody(homeId, minhoId, {
            academicYearFrom: Y1,
            academicYearTo: Y2,
            mobilitiesPerYear: 3,
            sendingUnitId: units.medUnit,
          }),
        ],
      }),
    )
    expect(planned.statusCode, planned.body).toBe(201)
    const professors = await call(
      officer,
      'POST',
      '/api/agreements',
      agreementBody(homeId, snuId, {
        title: 'Teaching with SNU',
        ...DATES,
        conditions: [
          conditionBody(snuId, homeId, {
            mobilityType: 'staff_teaching',
            academicYearFrom: Y2,
            academicYearTo: Y2,
            mobilitiesPerYear: 1,
            totalMonthsPerYear: null,
            totalDaysPerYear: 5,
            subjectAreas: [],
            eqfLevels: [],
            languageSkills: [],
          }),
        ],
      }),
    )
    expect(professors.statusCode, professors.body).toBe(201)
    const draft = await call(
      officer,
      'POST',
      '/api/agreements',
      agreementBody(homeId, snuId, {
        title: 'Not signed yet',
        ...DATES,
        conditions: [conditionBody(homeId, snuId, { academicYearFrom: Y1, academicYearTo: Y2, mobilitiesPerYear: 9 })],
      }),
    )
    await t.db
      .updateTable('agreements')
      .set({ status: 'active' })
      .where('id', 'in', [json(planned).id, json(professors).id])
      .execute()
    expect(json(draft).status).toBe('draft')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('counts each year through the pipeline, beside the places the signed agreements plan', async () => {
    const r = await report(officer, `from=${Y1}&to=${Y2}`)
    expect(r).toMatchObject({ from: Y1, to: Y2, groupBy: 'year' })
    expect(r.rows.map((row) => row.key)).toEqual([Y1, Y2])
    expect(r.rows[0]).toMatchObject({
      applied: 5,
      placed: 3,
      realised: 2,
      preparing: 0,
      abroad: 0,
      completed: 2,
      recognised: 1,
      days: 150 + 28,
      credits: 28,
      planned: 3,
      inPlan: 2,
    })
    expect(r.rows[1]).toMatchObject({
      applied: 5,
      placed: 4,
      realised: 4,
      preparing: 1,
      abroad: 2,
      completed: 1,
      recognised: 0,
      days: 5,
      credits: 0,
      planned: 4,
      // Against the plan: our students (Minho's places count for the year) and the professor, not the visiting student.
      inPlan: 3,
    })
    expect(r.totals).toMatchObject({ applied: 10, realised: 6, completed: 3, credits: 28, planned: 7, inPlan: 5 })
    expect(r.years).toEqual([
      { academicYear: Y1, outgoingStudents: 2, outgoingStaff: 0, incomingStudents: 0, incomingStaff: 0, planned: 3 },
      { academicYear: Y2, outgoingStudents: 2, outgoingStaff: 0, incomingStudents: 1, incomingStaff: 1, planned: 4 },
    ])
  })

  it('groups by partner (the host going out, the home institution coming in), country, kind, field and unit', async () => {
    const byPartner = await report(officer, `from=${Y1}&to=${Y2}&groupBy=partner`)
    const minho = byPartner.rows.find((row) => row.key === ids.minhoId)!
    // Minho planned places for our students, not for visitors: its visiting student is outside the plan.
    expect(minho).toMatchObject({ label: 'University of Minho', country: 'PT', applied: 7, realised: 3, planned: 6, inPlan: 2 })
    expect(byPartner.rows.find((row) => row.key === ids.snuId)).toMatchObject({
      country: 'KR',
      realised: 3,
      planned: 1,
      inPlan: 1,
    })

    const incoming = await report(officer, `from=${Y1}&to=${Y2}&groupBy=country&direction=incoming`)
    expect(incoming.rows).toEqual([
      expect.objectContaining({ key: 'PT', applied: 2, placed: 1, realised: 1, abroad: 1, planned: 0 }),
      expect.objectContaining({ key: 'KR', realised: 1, completed: 1, days: 5, planned: 1 }),
    ])
    const staff = await report(officer, `from=${Y1}&to=${Y2}&groupBy=kind&audience=staff`)
    expect(staff.rows).toEqual([expect.objectContaining({ key: 'staff_teaching', realised: 1, planned: null })])
    expect(staff.totals).toMatchObject({ planned: null, inPlan: null })

    const byField = await report(officer, `from=${Y1}&to=${Y2}&groupBy=field&direction=outgoing`)
    expect(byField.rows.map((row) => [row.key, row.applied])).toEqual([
      ['0912', 5],
      ['0911', 2],
    ])
    const byUnit = await report(officer, `from=${Y1}&to=${Y2}&groupBy=unit`)
    expect(byUnit.rows.find((row) => row.key === units.medUnit)).toMatchObject({ applied: 5, realised: 2, planned: 6 })
    expect(byUnit.rows.find((row) => row.key === null)).toMatchObject({ applied: 3, realised: 2, planned: 1 })
  })

  it("shows a coordinator only their unit's calls and the conditions that name it", async () => {
    const r = await report(coordinator, `from=${Y1}&to=${Y2}`)
    expect(r.totals).toMatchObject({ applied: 5, realised: 2, planned: 6 })
    expect(r.rows[1]).toMatchObject({ key: Y2, applied: 0, planned: 3 })
  })

  it('is the office’s alone: everyone else is refused, before anything is read', async () => {
    for (const role of ['student', 'staff', 'partner', 'reviewer'] as const) {
      const who = await signInAs(t, role)
      expect((await call(who, 'GET', '/api/reports/mobility')).statusCode).toBe(403)
      expect((await call(who, 'GET', '/api/reports/mobility/export?format=csv')).statusCode).toBe(403)
    }
    expect((await call(null, 'GET', '/api/reports/mobility')).statusCode).toBe(401)
  })

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const before = await countAudit(t)
    const cases: [string, string][] = [
      ['from=2040', 'querystring.from'],
      ['from=2040/2042', 'querystring.from'],
      [`from=${Y2}&to=${Y1}`, 'querystring.to'],
      ['from=2020/2021&to=2040/2041', 'querystring.to'],
      ['groupBy=colour', 'querystring.groupBy'],
      ['direction=sideways', 'querystring.direction'],
      ['audience=everyone', 'querystring.audience'],
      ['unknown=1', 'querystring'],
    ]
    for (const [query, path] of cases) {
      const res = await call(officer, 'GET', `/api/reports/mobility?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(
        json(res).errors.some((e: { path: string }) => e.path === path || e.path.startsWith(`${path}.`)),
        `${query}: ${res.body}`,
      ).toBe(true)
    }
    expect((await call(officer, 'GET', '/api/reports/mobility/export?format=pdf')).statusCode).toBe(400)
    expect(await countAudit(t)).toBe(before)
  })

  it('covers the last four years and the next when no years are asked for', async () => {
    const r = await report(officer, '')
    expect(r.rows).toHaveLength(6)
    expect(r.years.map((y) => y.academicYear)).toEqual(r.rows.map((row) => row.key))
  })

  it('exports what it shows, with a row of totals, as CSV and XLSX', async () => {
    const csv = await call(officer, 'GET', `/api/reports/mobility/export?from=${Y1}&to=${Y2}&groupBy=partner&format=csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="mobility-partner-\d{4}-\d{2}-\d{2}\.csv"/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/)
    expect(lines[0]).toBe(
      'Partner,Country,Applied,Placed,Realised,Preparing,Abroad or here,Completed,Credits recognised (people),ECTS recognised,Days at the host,Places planned by agreements,Realised against the plan',
    )
    expect(lines).toContain('University of Minho,PT,7,4,3,0,1,2,1,28,178,6,2')
    expect(lines.at(-1)).toBe('Total,,10,7,6,1,2,3,1,28,183,7,3')

    const xlsx = await call(officer, 'GET', `/api/reports/mobility/export?from=${Y1}&to=${Y2}&groupBy=country&format=xlsx`)
    expect(xlsx.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).getCell(1).value).toBe('Country')
    const names = sheet.getColumn(1).values.slice(2)
    expect(names).toEqual(expect.arrayContaining(['Portugal', 'South Korea', 'Total']))
  })
})

describe('the demo’s past rounds', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ demo: true })
    await seedHistory(t.db, todayUtc())
  })
  afterAll(async () => {
    await t?.close()
  })

  it('give the report three years of growing flows, whose mobilities open like any other', async () => {
    const officer = await signInAs(t, 'officer')
    const call = caller(t)
    const r = json<MobilityReport>(await call(officer, 'GET', '/api/reports/mobility'))
    const past = r.years.slice(1, 4)
    expect(past.map((y) => y.outgoingStudents)).toEqual([3, 5, 7])
    expect(past.map((y) => y.incomingStudents)).toEqual([1, 2, 3])
    // The current year holds the demo's open round, which nobody has been placed in yet.
    expect(r.rows.slice(1, 4).map((row) => [row.applied, row.realised, row.completed, row.recognised])).toEqual([
      [6, 4, 4, 3],
      [10, 7, 7, 5],
      [14, 10, 10, 7],
    ])
    expect(r.totals.credits).toBeGreaterThan(15 * 20)

    const recognised = await t.db
      .selectFrom('mobilities as m')
      .innerJoin('applications as a', 'a.id', 'm.application_id')
      .select('a.id')
      .where('m.status', '=', 'recognised')
      .executeTakeFirstOrThrow()
    const mobility = await call(officer, 'GET', `/api/applications/${recognised.id}/mobility`)
    expect(mobility.statusCode, mobility.body).toBe(200)
    expect(json(mobility)).toMatchObject({ status: 'recognised', hasApprovedAgreement: true })
    const la = await call(officer, 'GET', `/api/applications/${recognised.id}/learning-agreement`)
    expect(la.statusCode, la.body).toBe(200)
    const visit = await t.db
      .selectFrom('mobilities')
      .select('application_id')
      .where('status', '=', 'returned')
      .executeTakeFirstOrThrow()
    const visited = await call(officer, 'GET', `/api/applications/${visit.application_id}/mobility`)
    expect(visited.statusCode, visited.body).toBe(200)
    expect(json(visited)).toMatchObject({ status: 'returned' })

    // Rounds that ran their course leave nothing waiting: a visitor who left has no credits for us to recognise.
    const tasks = json(await call(officer, 'GET', '/api/me/tasks')).groups as { kind: string; count: number }[]
    expect(tasks.find((g) => g.kind === 'toRecognise')?.count ?? 0).toBe(0)
  })
})
