import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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
import { CATALOG_RECHECK_MS } from './catalog.js'

describe.each(TEST_DB_KINDS)('opportunities and the public catalog on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let coordinator: Credentials
  let student: Credentials
  let partner: Credentials
  let homeId: string
  let snuId: string
  let medUnit: string
  let otherUnit: string

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    coordinator = await signInAs(t, 'coordinator')
    student = await signInAs(t, 'student')
    partner = await signInAs(t, 'partner')
    ;({ homeId, snuId } = await demoInstitutions(t))
    ;({ medUnit, otherUnit } = await demoUnits(t))
    // The demo catalog is set aside, so the catalog holds only what these tests publish.
    await t.db.updateTable('opportunities').set({ status: 'archived' }).execute()
  })
  afterAll(() => t?.close())

  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)

  const elective = (over: object = {}) => ({
    kind: 'clinical_elective',
    direction: 'outgoing',
    hostInstitutionId: snuId,
    title: { en: 'Cardiology elective at SNU Hospital', ko: '심장내과 선택 실습' },
    description: {
      en: '<p>Ward rounds <script>alert(1)</script><a href="javascript:alert(1)">x</a> <a href="https://snu.ac.kr">site</a></p>',
    },
    specialty: 'cardiology',
    languages: [
      { language: 'en', minLevel: 'B2' },
      { language: 'ko', minLevel: null },
    ],
    clinicalPractice: true,
    clinicalHoursPerWeek: 30,
    durationWeeks: 4,
    requirements: ['immunisations', 'insurance', 'bls'],
    feeAmount: 0,
    blocks: [
      { label: 'Block 1', startsOn: '2027-03-01', endsOn: '2027-03-28', capacity: 2 },
      { label: 'Block 2', startsOn: '2027-04-05', endsOn: '2027-05-02', capacity: 1 },
    ],
    ...over,
  })

  let publishedId: string

  it('creates a draft with rotation blocks, sanitising the description, and audits it', async () => {
    const audits = await countAudit(t)
    const res = await call(officer, 'POST', '/api/opportunities', elective())
    expect(res.statusCode).toBe(201)
    const created = json(res)
    expect(created).toMatchObject({
      status: 'draft',
      host: { id: snuId, country: 'KR' },
      blocks: [{ capacity: 2 }, { capacity: 1 }],
    })
    expect(created.description.en).not.toContain('script')
    expect(created.description.en).not.toContain('javascript:')
    expect(created.description.en).toContain('<a href="https://snu.ac.kr" rel="noopener noreferrer" target="_blank">site</a>')
    expect(await countAudit(t)).toBe(audits + 1)
    publishedId = created.id
    // A draft is not in the public catalog.
    expect(json(await call(null, 'GET', '/api/catalog?q=cardiology')).total).toBe(0)
    expect((await call(null, 'GET', `/api/catalog/${created.id}`)).statusCode).toBe(404)
  })

  it('publishes it into the public catalog, found in any language and despite a typo, with facet counts', async () => {
    const published = await call(officer, 'POST', `/api/opportunities/${publishedId}/status`, { status: 'published' })
    expect(published.statusCode).toBe(200)
    expect(json(published).publishedAt).not.toBeNull()
    const other = json(
      await call(
        officer,
        'POST',
        '/api/opportunities',
        elective({
          kind: 'exchange_semester',
          hostInstitutionId: homeId,
          direction: 'incoming',
          title: { en: 'Exchange semester in medicine', pt: 'Semestre de intercâmbio em medicina' },
          specialty: null,
          clinicalPractice: false,
          clinicalHoursPerWeek: null,
          languages: [{ language: 'ru', minLevel: 'B1' }],
          durationWeeks: 20,
          feeAmount: 800,
          feeCurrency: 'EUR',
          blocks: [],
        }),
      ),
    )
    await call(officer, 'POST', `/api/opportunities/${other.id}/status`, { status: 'published' })

    const byTypo = json(await call(null, 'GET', '/api/catalog?q=cardiolgy'))
    expect(byTypo.items.map((i: { id: string }) => i.id)).toEqual([publishedId])
    expect(json(await call(null, 'GET', '/api/catalog?q=심장내과')).total).toBe(1)
    expect(json(await call(null, 'GET', '/api/catalog?q=intercambio')).items[0].id).toBe(other.id)

    const all = json(await call(null, 'GET', '/api/catalog'))
    expect(all.total).toBe(2)
    expect(all.facets.clinical).toEqual({ yes: 1, no: 1 })
    expect(all.facets.period).toEqual({ '2027-03': 1, '2027-04': 1, '2027-05': 1 })
    expect(all.facets.cost).toEqual({ free: 1, under_1500: 1 })

    const filtered = json(await call(null, 'GET', '/api/catalog?language=en&clinical=yes'))
    expect(filtered.items.map((i: { id: string }) => i.id)).toEqual([publishedId])
    // The language facet is counted without its own filter: Russian is still offered.
    expect(filtered.facets.language).toMatchObject({ en: 1, ko: 1 })
    expect(json(await call(null, 'GET', '/api/catalog?sort=fee&dir=desc')).items[0].id).toBe(other.id)
    expect((await call(null, 'GET', `/api/catalog/${publishedId}`)).statusCode).toBe(200)
  })

  it('shows a renamed host in the catalog once the index next checks the database', async () => {
    const before = json(await call(null, 'GET', '/api/catalog?q=cardiology')).items[0]
    expect(before.host.name).toBe('Seoul National University')
    await t.db.updateTable('institutions').set({ name: 'SNU', updated_at: new Date() }).where('id', '=', snuId).execute()
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + CATALOG_RECHECK_MS + 1000 })
    try {
      expect(json(await call(null, 'GET', '/api/catalog?q=cardiology')).items[0].host.name).toBe('SNU')
    } finally {
      vi.useRealTimers()
      await t.db.updateTable('institutions').set({ name: 'Seoul National University' }).where('id', '=', snuId).execute()
    }
  })

  it('takes an archived opportunity out of the catalog and keeps it from changing', async () => {
    expect((await call(officer, 'POST', `/api/opportunities/${publishedId}/status`, { status: 'archived' })).statusCode).toBe(200)
    expect(json(await call(null, 'GET', '/api/catalog?q=cardiology')).total).toBe(0)
    expect((await call(officer, 'PUT', `/api/opportunities/${publishedId}`, elective())).statusCode).toBe(409)
    expect((await call(officer, 'POST', `/api/opportunities/${publishedId}/status`, { status: 'published' })).statusCode).toBe(
      200,
    )
  })

  it('refuses to publish what a visitor could not judge', async () => {
    const bare = json(
      await call(officer, 'POST', '/api/opportunities', elective({ languages: [], durationWeeks: null, blocks: [] })),
    )
    const res = await call(officer, 'POST', `/api/opportunities/${bare.id}/status`, { status: 'published' })
    expect(res.statusCode).toBe(409)
    expect(
      json(res)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['durationWeeks', 'languages'])
  })

  it('lets a coordinator edit only their own unit’s opportunities, and no one else outside the office', async () => {
    expect((await call(coordinator, 'POST', '/api/opportunities', elective({ orgUnitId: medUnit }))).statusCode).toBe(201)
    expect((await call(coordinator, 'POST', '/api/opportunities', elective({ orgUnitId: otherUnit }))).statusCode).toBe(403)
    expect((await call(coordinator, 'POST', '/api/opportunities', elective())).statusCode).toBe(403)
    expect((await call(coordinator, 'PUT', `/api/opportunities/${publishedId}`, elective())).statusCode).toBe(403)
    for (const who of [student, partner]) {
      expect((await call(who, 'POST', '/api/opportunities', elective())).statusCode).toBe(403)
      expect((await call(who, 'GET', '/api/opportunities')).statusCode).toBe(403)
    }
    expect((await call(null, 'GET', '/api/opportunities')).statusCode).toBe(401)
    expect((await call(null, 'POST', '/api/opportunities', elective())).statusCode).toBe(401)
    const list = json(await call(officer, 'GET', '/api/opportunities?status=draft'))
    expect(list.items.every((o: { status: string }) => o.status === 'draft')).toBe(true)
  })

  it('keeps a signed-in person’s favourites, only of what is in the catalog', async () => {
    const published = json(await call(null, 'GET', '/api/catalog')).items[0].id as string
    const draft = json(await call(officer, 'POST', '/api/opportunities', elective())).id as string
    const audits = await countAudit(t)
    expect((await call(student, 'PUT', `/api/me/favourites/${published}`)).statusCode).toBe(204)
    expect((await call(student, 'PUT', `/api/me/favourites/${published}`)).statusCode).toBe(204)
    expect(await countAudit(t)).toBe(audits + 1)
    expect(json(await call(student, 'GET', '/api/me/favourites')).items.map((i: { id: string }) => i.id)).toEqual([published])
    // Someone else's list is their own.
    expect(json(await call(partner, 'GET', '/api/me/favourites')).items).toEqual([])
    expect((await call(student, 'PUT', `/api/me/favourites/${draft}`)).statusCode).toBe(404)
    expect((await call(student, 'PUT', '/api/me/favourites/not-an-id')).statusCode).toBe(400)
    expect((await call(null, 'PUT', `/api/me/favourites/${published}`)).statusCode).toBe(401)
    expect((await call(null, 'GET', '/api/me/favourites')).statusCode).toBe(401)
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/me/favourites/${published}`, headers: student.headers })).statusCode,
    ).toBe(204)
    expect(json(await call(student, 'GET', '/api/me/favourites')).items).toEqual([])
  })

  it('finds the office’s opportunities by a part of a title in any language or of the host, and by direction', async () => {
    const search = async (query: string) =>
      json(await call(officer, 'GET', `/api/opportunities?pageSize=100&${query}`)).items.map(
        (o: { title: { en: string } }) => o.title.en,
      )
    expect(await search('q=%EC%8B%AC%EC%9E%A5')).toContain('Cardiology elective at SNU Hospital')
    expect(await search('q=seoul%20national')).toContain('Cardiology elective at SNU Hospital')
    expect(await search('q=50%25')).toEqual([])
    expect(await search('q=cardiology&direction=incoming')).toEqual([])
    expect((await call(officer, 'GET', '/api/opportunities?direction=sideways')).statusCode).toBe(400)
  })

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = await t.db
      .selectFrom('opportunities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const cases: [string, object, string][] = [
      ['no title', elective({ title: {} }), 'body.title'],
      ['a title in a language the catalog lacks', elective({ title: { xx: 'Hi' } }), 'body.title.xx'],
      ['a fee without currency', elective({ feeAmount: 300 }), 'body.feeCurrency'],
      ['clinical hours without clinical practice', elective({ clinicalPractice: false }), 'body.clinicalHoursPerWeek'],
      [
        'a block ending before it starts',
        elective({ blocks: [{ startsOn: '2027-03-10', endsOn: '2027-03-01', capacity: 1 }] }),
        'body.blocks.0.endsOn',
      ],
      [
        'a negative capacity',
        elective({ blocks: [{ startsOn: '2027-03-01', endsOn: '2027-03-10', capacity: -1 }] }),
        'body.blocks.0.capacity',
      ],
      ['an unknown CEFR level', elective({ languages: [{ language: 'en', minLevel: 'B3' }] }), 'body.languages.0.minLevel'],
      ['an unknown host', elective({ hostInstitutionId: '00000000-0000-4000-8000-000000000000' }), 'body.hostInstitutionId'],
      ['an incoming opportunity hosted abroad', elective({ direction: 'incoming' }), 'body.hostInstitutionId'],
      ['an unknown field', { ...elective(), colour: 'red' }, 'body'],
    ]
    for (const [what, body, path] of cases) {
      const res = await call(officer, 'POST', '/api/opportunities', body)
      expect(res.statusCode, what).toBe(400)
      expect(
        json(res).errors.some(
          (e: { path: string }) =>
            e.path === path || e.path.startsWith(`${path}.`) || e.path === path.replace(/\.(\d+)/g, '[$1]'),
        ),
        `${what}: ${JSON.stringify(json(res).errors)}`,
      ).toBe(true)
    }
    const after = await t.db
      .selectFrom('opportunities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    const badQuery = await call(null, 'GET', '/api/catalog?country=XX&pageSize=500')
    expect(badQuery.statusCode).toBe(400)
  })
})
