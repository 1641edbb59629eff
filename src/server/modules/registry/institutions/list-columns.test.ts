import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, createTestApp, demoInstitutions, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'

// What the lists read from the rows they list (migration 0004): institutions' agreement figures
// kept by triggers, and agreements' parties and places kept by reindexAgreements.
describe.each(TEST_DB_KINDS)('figures kept on listed rows on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let homeId: string
  let snuId: string
  let minhoId: string

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    ;({ homeId, minhoId, snuId } = await demoInstitutions(t))
  })
  afterAll(() => t?.close())

  /** Institutions whose kept figures differ from a count made now. */
  async function drifted() {
    const { rows } = await sql<{ name: string }>`
      select i.name from institutions i
      left join (select p.institution_id, count(*)::int as total,
          (count(*) filter (where a.status in ('active', 'expiring')))::int as in_force,
          min(a.end_date) filter (where a.status in ('active', 'expiring')) as next_end
        from agreement_parties p join agreements a on a.id = p.agreement_id group by p.institution_id) c
        on c.institution_id = i.id
      where i.agreements_total <> coalesce(c.total, 0) or i.agreements_in_force <> coalesce(c.in_force, 0)
        or i.next_end_date is distinct from c.next_end`.execute(t.db)
    return rows.map((r) => r.name)
  }

  async function insertAgreement(status: string, end: string, parties: string[]) {
    const [a] = await sql<{ id: string }>`insert into agreements (reference, title, kind, status, start_date, end_date, search)
      values (${`T-${Math.random()}`}, 'Trigger test', 'mou', ${status}, ${addDays(todayUtc(), -100)}, ${end}, ''::tsvector)
      returning id`
      .execute(t.db)
      .then((r) => r.rows)
    await t.db
      .insertInto('agreement_parties')
      .values(parties.map((institution_id, position) => ({ agreement_id: a!.id, institution_id, position })))
      .execute()
    return a!.id
  }
  const setAgreement = (id: string, set: { status?: string; end_date?: string | null }) =>
    sql`update agreements set status = coalesce(${set.status ?? null}, status),
      end_date = ${set.end_date === undefined ? sql`end_date` : set.end_date} where id = ${id}`.execute(t.db)

  it('follows every change of status, end date and parties', async () => {
    expect(await drifted()).toEqual([])
    const soon = addDays(todayUtc(), 20)
    const later = addDays(todayUtc(), 400)
    const a = await insertAgreement('active', soon, [homeId, snuId])
    const b = await insertAgreement('draft', later, [homeId, snuId, minhoId])
    expect(await drifted()).toEqual([])
    const snu = await t.db.selectFrom('institutions').selectAll().where('id', '=', snuId).executeTakeFirstOrThrow()
    expect(snu.next_end_date).toBe(soon)

    await setAgreement(b, { status: 'active' }) // comes into force
    await setAgreement(a, { end_date: addDays(todayUtc(), 900) }) // the earliest end moves past the next one
    expect(await drifted()).toEqual([])
    await setAgreement(b, { end_date: null }) // an end date removed while in force
    await setAgreement(a, { status: 'expired' }) // leaves force
    expect(await drifted()).toEqual([])

    await t.db
      .updateTable('agreement_parties')
      .set({ institution_id: minhoId })
      .where('agreement_id', '=', a)
      .where('institution_id', '=', snuId)
      .execute()
    await t.db.deleteFrom('agreement_parties').where('agreement_id', '=', b).where('institution_id', '=', minhoId).execute()
    expect(await drifted()).toEqual([])

    await t.db.deleteFrom('agreements').where('id', 'in', [a, b]).execute()
    expect(await drifted()).toEqual([])
  })

  it('shows the figures, parties and places in the lists, and follows a rename of a party', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/agreements',
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: {
        title: 'Places test',
        kind: 'bilateral_exchange',
        startDate: addDays(todayUtc(), -10),
        endDate: addDays(todayUtc(), 700),
        parties: [{ institutionId: homeId }, { institutionId: snuId }],
        conditions: [
          {
            mobilityType: 'student_studies',
            sendingInstitutionId: homeId,
            receivingInstitutionId: snuId,
            academicYearFrom: '2026/2027',
            academicYearTo: '2027/2028',
            mobilitiesPerYear: 3,
            totalMonthsPerYear: 10,
          },
          {
            mobilityType: 'staff_teaching',
            sendingInstitutionId: snuId,
            receivingInstitutionId: homeId,
            academicYearFrom: '2026/2027',
            academicYearTo: '2027/2028',
            mobilitiesPerYear: 2,
            totalDaysPerYear: 10,
          },
        ],
      },
    })
    expect(created.statusCode).toBe(201)
    const id = json(created).id as string
    const listed = json(await t.app.inject({ method: 'GET', url: '/api/agreements?q=places%20test', headers: officer.headers }))
    expect(listed.items).toHaveLength(1)
    expect(listed.items[0]).toMatchObject({
      id,
      placesPerYear: 5,
      parties: [
        { institutionId: homeId, isHome: true },
        { institutionId: snuId, name: 'Seoul National University', country: 'KR', isHome: false, orgUnitId: null },
      ],
    })
    expect(await drifted()).toEqual([])
    const institutions = json(await t.app.inject({ method: 'GET', url: '/api/institutions?q=seoul', headers: officer.headers }))
    const counted = await t.db
      .selectFrom('agreement_parties')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', snuId)
      .executeTakeFirstOrThrow()
    expect(institutions.items.find((i: { id: string }) => i.id === snuId).agreementsTotal).toBe(counted.n)

    const detail = json(await t.app.inject({ method: 'GET', url: `/api/institutions/${snuId}`, headers: officer.headers }))
    const renamed = await t.app.inject({
      method: 'PUT',
      url: `/api/institutions/${snuId}`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: {
        name: 'Seoul National University Hospital',
        kind: detail.kind,
        country: detail.country,
        city: detail.city,
        erasmusCode: detail.erasmusCode,
        schacId: detail.schacId,
        contacts: detail.contacts.map((c: Record<string, unknown>) => ({
          id: c.id,
          name: c.name,
          role: c.role,
          email: c.email,
          phone: c.phone,
        })),
        units: detail.units.map((u: Record<string, unknown>) => ({ id: u.id, name: u.name, code: u.code })),
      },
    })
    expect(renamed.statusCode).toBe(200)
    const after = json(await t.app.inject({ method: 'GET', url: '/api/agreements?q=places%20test', headers: officer.headers }))
    expect(after.items[0].parties[1].name).toBe('Seoul National University Hospital')
  })
})
