import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { caller, createTestApp, demoInstitutions, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { fold } from '../../../../shared/text.js'
import { searchTerms } from '../../../db/search.js'
import type { Actor } from '../../../http/context.js'
import { paged } from '../../../http/types.js'
import { AgreementListItemSchema, AgreementListQuery } from '../agreements/agreements.schema.js'
import { InstitutionListItemSchema, InstitutionListQuery } from '../institutions/institutions.schema.js'
import { RegistryLists } from './registry-lists.js'

const officer: Actor = {
  id: '00000000-0000-0000-0000-000000000001',
  email: 'o@example.org',
  name: 'O',
  role: 'officer',
  orgUnitId: null,
  institutionId: null,
  locale: 'en',
}
const everything = { offset: 0, limit: 10_000, cap: 10_000 }
const institutions = (lists: RegistryLists, query: Record<string, string> = {}) =>
  lists.institutionPage(officer, InstitutionListQuery.parse(query), everything).then((p) => p.items.map((i) => i.id))
const agreements = (lists: RegistryLists, query: Record<string, string> = {}) =>
  lists.agreementPage(officer, AgreementListQuery.parse(query), everything, '2026-11-23').then((p) => p.items.map((i) => i.id))

/** The tsquery PostgreSQL would match for what the index is asked (each word as written or folded, prefixes). */
function tsquery(q: string): string {
  return searchTerms(q)
    .map(
      (alternatives) =>
        `(${alternatives.map((terms) => terms.map((t) => `'${t.word}'${t.prefix ? ':*' : ''}`).join(' & ')).join(' | ')})`,
    )
    .join(' & ')
}

// The registry lists of a process (decision 023), kept in step with the database by reading what
// changed since their last read (migration 0012).
describe.each(TEST_DB_KINDS)('registry lists in memory on %s', (kind) => {
  let t: TestApp
  let homeId: string
  let minhoId: string

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    ;({ homeId, minhoId } = await demoInstitutions(t))
  })
  afterAll(() => t?.close())

  it('finds what PostgreSQL finds with the same words', async () => {
    const lists = new RegistryLists(t.db)
    const names = await t.db.selectFrom('institutions').select(['name', 'city', 'erasmus_code']).execute()
    // Queries from the demo's own words: whole, cut short, folded, with the Erasmus codes' spaces.
    const queries = new Set([
      'univ',
      'Évora',
      'evora',
      'uminho.pt',
      'P  BRAGA01',
      'braga01',
      'сеч',
      'medical seoul',
      'GEN-0004',
      'x',
    ])
    for (const n of names) {
      const words = fold(`${n.name} ${n.city ?? ''}`).split(' ')
      for (const w of words.slice(0, 3)) queries.add(w.slice(0, Math.max(1, w.length - 2)))
      if (n.erasmus_code) queries.add(n.erasmus_code)
      queries.add(n.name.toUpperCase())
    }
    for (const q of queries) {
      const expected = await t.db
        .selectFrom('institutions')
        .select('id')
        .where('merged_into', 'is', null)
        .where(sql<boolean>`search @@ to_tsquery('simple', ${tsquery(q)})`)
        .execute()
      const found = await institutions(lists, { q })
      expect([...found].sort(), q).toEqual(expected.map((r) => r.id).sort())
    }
    const expected = await t.db
      .selectFrom('agreements')
      .select('id')
      .where(sql<boolean>`search @@ to_tsquery('simple', ${tsquery('minho')})`)
      .execute()
    expect((await agreements(lists, { q: 'minho' })).sort()).toEqual(expected.map((r) => r.id).sort())
  })

  it('sends the lists as their schemas would, though zod does not check them on the way out', async () => {
    const officerSession = await signInAs(t, 'officer')
    const partnerSession = await signInAs(t, 'partner')
    const lists: [string, z.ZodType][] = [
      ['/api/agreements', paged(AgreementListItemSchema)],
      ['/api/institutions', paged(InstitutionListItemSchema)],
    ]
    const queries = [
      '',
      '?q=braga',
      '?sort=end&dir=desc&pageSize=100',
      '?status=active,expiring&page=2&pageSize=5',
      '?sort=updated',
    ]
    for (const who of [officerSession, partnerSession])
      for (const [path, schema] of lists)
        for (const query of queries) {
          const res = await caller(t)(who, 'GET', `${path}${query}`)
          if (res.statusCode === 400) continue // a query one of the lists does not take
          expect(res.statusCode, `${path}${query}`).toBe(200)
          const sent = json(res)
          // Valid, with nothing the schema would strip (the order of keys aside).
          expect(schema.parse(sent), `${path}${query}`).toStrictEqual(sent)
        }
  })

  it('keeps an order per sort, each in both directions, empty dates last', async () => {
    const lists = new RegistryLists(t.db)
    const rows = await t.db.selectFrom('agreements').select(['id', 'reference', 'title', 'end_date']).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const keys = async (sort: string, dir: string, key: (r: (typeof rows)[number]) => string | null) =>
      (await agreements(lists, { sort, dir })).map((id) => key(byId.get(id)!))
    const folded = (xs: (string | null)[]) => xs.map((x) => fold(x ?? ''))
    const sorted = (xs: string[], dir: string) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0) * (dir === 'desc' ? -1 : 1))
    for (const dir of ['asc', 'desc']) {
      const references = folded(await keys('reference', dir, (r) => r.reference))
      expect(references).toEqual(sorted(references, dir))
      const titles = folded(await keys('title', dir, (r) => r.title))
      expect(titles).toEqual(sorted(titles, dir))
      const ends = await keys('end', dir, (r) => r.end_date)
      const dated = ends.filter((e): e is string => e !== null)
      expect(ends).toEqual([...sorted(dated, dir), ...ends.filter((e) => e === null)])
    }
  })

  it("reads another process's writes before it answers: new, changed, merged and deleted rows", async () => {
    const lists = new RegistryLists(t.db)
    const before = await institutions(lists)
    const [created] = await sql<{ id: string }>`insert into institutions (name, kind, country, search)
      values ('Zeta Institute', 'research_institute', 'IS', to_tsvector('simple', 'Zeta Institute'))
      returning id`
      .execute(t.db)
      .then((r) => r.rows)
    expect(await institutions(lists, { q: 'zeta' })).toEqual([created!.id])
    expect(await institutions(lists)).toHaveLength(before.length + 1)

    await sql`update institutions set name = 'Aaron Institute', search = to_tsvector('simple', 'Aaron Institute')
      where id = ${created!.id}`.execute(t.db)
    expect(await institutions(lists, { q: 'zeta' })).toEqual([])
    expect((await institutions(lists, { sort: 'name' }))[0]).toBe(created!.id)

    // An agreement's status change moves its parties' figures (migration 0004): both are read.
    const [agreement] = await sql<{ id: string }>`insert into agreements (reference, title, kind, status, end_date, search)
      values ('T-LISTS-1', 'List test', 'mou', 'active', '2026-12-01', to_tsvector('simple', 'T-LISTS-1 List test'))
      returning id`
      .execute(t.db)
      .then((r) => r.rows)
    await t.db
      .insertInto('agreement_parties')
      .values([
        { agreement_id: agreement!.id, institution_id: homeId, position: 0 },
        { agreement_id: agreement!.id, institution_id: created!.id, position: 1 },
      ])
      .execute()
    await sql`update agreements set party_summary = ${JSON.stringify([{ institutionId: created!.id }])}::jsonb where id = ${agreement!.id}`.execute(
      t.db,
    )
    expect(await agreements(lists, { expiringWithin: '30' })).toContain(agreement!.id)
    expect(await agreements(lists, { institutionId: created!.id })).toEqual([agreement!.id])
    expect(await institutions(lists, { inForce: 'true', country: 'IS' })).toEqual([created!.id])

    await sql`update agreements set status = 'terminated', termination_reason = 'Test' where id = ${agreement!.id}`.execute(t.db)
    expect(await agreements(lists, { expiringWithin: '30' })).not.toContain(agreement!.id)
    expect(await institutions(lists, { inForce: 'true', country: 'IS' })).toEqual([])

    await sql`delete from agreements where id = ${agreement!.id}`.execute(t.db)
    expect(await agreements(lists, { q: 'T-LISTS-1' })).toEqual([])
    await sql`update institutions set merged_into = ${minhoId} where id = ${created!.id}`.execute(t.db)
    expect(await institutions(lists)).toEqual(before)
  })

  it.skipIf(kind === 'embedded')('misses no write that commits after a later one was read', async () => {
    const lists = new RegistryLists(t.db)
    await lists.sync()
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let written!: () => void
    const wrote = new Promise<void>((resolve) => {
      written = resolve
    })
    // The first transaction writes and waits; a second writes and commits meanwhile.
    const slow = t.db.transaction().execute(async (trx) => {
      await sql`update institutions set tags = array['slow-writer'] where id = ${minhoId}`.execute(trx)
      written()
      await held
    })
    await wrote
    await sql`update institutions set tags = array['fast-writer'] where id = ${homeId}`.execute(t.db)
    expect(await institutions(lists, { tag: 'fast-writer' })).toEqual([homeId])
    expect(await institutions(lists, { tag: 'slow-writer' })).toEqual([])
    release()
    await slow
    expect(await institutions(lists, { tag: 'slow-writer' })).toEqual([minhoId])
  })
})
