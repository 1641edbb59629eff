import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  demoInstitutions,
  json,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { agreementBody } from '../../../../../test/factories.js'

describe.each(TEST_DB_KINDS)('partner institutions on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let coordinator: Credentials
  let partner: Credentials
  let student: Credentials
  let homeId: string
  let minhoId: string
  let snuId: string

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    coordinator = await signInAs(t, 'coordinator')
    partner = await signInAs(t, 'partner')
    student = await signInAs(t, 'student')
    ;({ homeId, minhoId, snuId } = await demoInstitutions(t))
  })
  afterAll(() => t?.close())

  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)

  const agreement = (over: object = {}) => agreementBody(homeId, snuId, over)

  it('creates a partner with contacts and units, audited, and finds it by folded search', async () => {
    const before = await countAudit(t)
    const res = await call(officer, 'POST', '/api/institutions', {
      name: 'UNIVERSIDAD DE SALAMANCA',
      kind: 'university',
      country: 'ES',
      city: 'Salamanca',
      erasmusCode: 'e salaman02',
      schacId: 'USAL.es',
      tags: ['Coimbra Group'],
      contacts: [{ name: 'María López', role: 'Erasmus coordinator', email: 'Maria@usal.example', phone: '+34 923 29 44 00' }],
      units: [{ name: 'Facultad de Medicina', code: 'MED' }],
    })
    expect(res.statusCode).toBe(201)
    const body = json(res)
    expect(body).toMatchObject({ erasmusCode: 'E  SALAMAN02', schacId: 'usal.es', tags: ['coimbra group'] })
    expect(body.contacts[0]).toMatchObject({ name: 'María López', email: 'maria@usal.example' })
    expect(body.units[0]).toMatchObject({ name: 'Facultad de Medicina' })
    expect(await countAudit(t)).toBe(before + 1)
    const found = json(await call(officer, 'GET', '/api/institutions?q=salaman'))
    expect(found.items.map((i: { name: string }) => i.name)).toEqual(['UNIVERSIDAD DE SALAMANCA'])
    const byCode = json(await call(officer, 'GET', `/api/institutions?q=${encodeURIComponent('E SALAMAN02')}`))
    expect(byCode.total).toBe(1)
    const folded = json(await call(officer, 'GET', '/api/institutions?q=evora'))
    expect(folded.items.map((i: { name: string }) => i.name)).toEqual(['University of Évora'])
  })

  it('warns of a near-identical name in the same country, and creates it once confirmed', async () => {
    const payload = { name: 'Universty of Minho', kind: 'university', country: 'PT' }
    const res = await call(officer, 'POST', '/api/institutions', payload)
    expect(res.statusCode).toBe(409)
    expect(json(res).errors[0]).toMatchObject({ path: 'body.name', message: 'looks like University of Minho' })
    const similar = json(await call(officer, 'GET', '/api/institutions/similar?name=Universty%20of%20Minho&country=PT'))
    expect(similar[0]).toMatchObject({ reason: 'name', institution: { name: 'University of Minho' } })
    const elsewhere = await call(officer, 'POST', '/api/institutions', { ...payload, country: 'BR' })
    expect(elsewhere.statusCode).toBe(201)
    const confirmed = await call(officer, 'POST', '/api/institutions', { ...payload, confirmDuplicate: true })
    expect(confirmed.statusCode).toBe(201)
  })

  it('refuses an identifier that belongs to another institution, naming it', async () => {
    const res = await call(officer, 'POST', '/api/institutions', {
      name: 'Minho again',
      kind: 'university',
      country: 'PT',
      schacId: 'uminho.pt',
    })
    expect(res.statusCode).toBe(409)
    expect(json(res).errors[0]).toMatchObject({ path: 'body.schacId', message: 'already belongs to University of Minho' })
  })

  it('refuses bad input naming each field, and changes nothing', async () => {
    const before = await countAudit(t)
    const res = await call(officer, 'POST', '/api/institutions', {
      name: 'X',
      kind: 'castle',
      country: 'XX',
      website: 'ftp://a',
      erasmusCode: 'BRAGA',
      rorId: 'nope',
      contacts: [{ name: '', email: 'not-mail', phone: 'call me' }],
      extra: 1,
    })
    expect(res.statusCode).toBe(400)
    const paths = json(res).errors.map((e: { path: string }) => e.path)
    for (const p of [
      'body.name',
      'body.kind',
      'body.country',
      'body.website',
      'body.erasmusCode',
      'body.rorId',
      'body.contacts.0.name',
      'body.contacts.0.email',
      'body.contacts.0.phone',
      'body.extra',
    ]) {
      expect(paths).toContain(p)
    }
    expect(await countAudit(t)).toBe(before)
  })

  it('merges a duplicate with its agreements into the one kept', async () => {
    const dup = json(
      await call(officer, 'POST', '/api/institutions', {
        name: 'Seoul Natl. University',
        kind: 'university',
        country: 'KR',
        rorId: null,
        confirmDuplicate: true,
        contacts: [{ name: 'Park Min-jun' }],
      }),
    )
    const a = json(
      await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({
          title: 'Duplicate MoU',
          kind: 'mou',
          conditions: [],
          parties: [{ institutionId: homeId }, { institutionId: dup.id }],
        }),
      ),
    )
    const res = await call(officer, 'POST', `/api/institutions/${dup.id}/merge`, { into: snuId })
    expect(res.statusCode).toBe(200)
    expect(json(res).contacts.map((c: { name: string }) => c.name)).toContain('Park Min-jun')
    const moved = json(await call(officer, 'GET', `/api/agreements/${a.id}`))
    expect(moved.parties.map((p: { institutionId: string }) => p.institutionId)).toContain(snuId)
    expect((await call(officer, 'GET', `/api/institutions/${dup.id}`)).statusCode).toBe(404)
    expect((await call(officer, 'POST', `/api/institutions/${homeId}/merge`, { into: snuId })).statusCode).toBe(400)
  })

  it('lists with filters, sorting and paging, and exports exactly the filtered rows', async () => {
    const pt = json(await call(officer, 'GET', '/api/institutions?country=PT&sort=name&dir=desc&pageSize=1'))
    expect(pt.total).toBeGreaterThanOrEqual(2)
    expect(pt.items).toHaveLength(1)
    const inForce = json(await call(officer, 'GET', '/api/institutions?inForce=true&partnersOnly=true&pageSize=200'))
    expect(inForce.items.every((i: { agreementsInForce: number }) => i.agreementsInForce > 0)).toBe(true)
    const csv = await call(officer, 'GET', '/api/institutions/export?country=PT&format=csv')
    expect(csv.headers['content-type']).toContain('text/csv')
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, '').trim()).data
    expect(rows.length - 1).toBe(pt.total)
    const bad = await call(officer, 'GET', '/api/institutions?country=PT,ZZ&sort=size')
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['querystring.country.1', 'querystring.sort']),
    )
  })

  it('lets officers write; coordinators, students and partners cannot', async () => {
    const payload = { name: 'Some Hospital', kind: 'hospital', country: 'FR' }
    for (const who of [coordinator, student, partner]) {
      expect((await call(who, 'POST', '/api/institutions', payload)).statusCode).toBe(403)
    }
    const snu = json(await call(partner, 'GET', `/api/institutions/${snuId}`))
    expect(snu.status).toBe(404)
    const own = json(await call(partner, 'GET', `/api/institutions/${minhoId}`))
    expect(own).toMatchObject({ name: 'University of Minho', notes: null })
  })
})
