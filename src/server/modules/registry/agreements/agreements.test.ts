import ExcelJS from 'exceljs'
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
import { agreementBody, conditionBody } from '../../../../../test/factories.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { runDailyLifecycle } from './lifecycle.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

describe.each(TEST_DB_KINDS)('partner and agreement registry on %s', (kind) => {
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
  const upload = (who: Credentials, id: string, body: Buffer, type: string, name = 'signed.pdf', kind = 'signed_copy') =>
    t.app.inject({
      method: 'POST',
      url: `/api/agreements/${id}/files?kind=${kind}&name=${encodeURIComponent(name)}`,
      headers: { ...who.headers, 'content-type': type },
      payload: body,
    })

  const condition = (over: object = {}) => conditionBody(homeId, snuId, over)
  const agreement = (over: object = {}) => agreementBody(homeId, snuId, over)

  describe('agreements', () => {
    it('drafts an agreement with EWP conditions, audited', async () => {
      const before = await countAudit(t)
      const res = await call(officer, 'POST', '/api/agreements', agreement())
      expect(res.statusCode).toBe(201)
      const a = json(res)
      expect(a).toMatchObject({ status: 'draft', reference: expect.stringMatching(/^AGR-\d{4}-\d{4}$/), editable: true })
      expect(a.conditions[0]).toMatchObject({
        mobilityType: 'student_studies',
        mobilitiesPerYear: 2,
        totalMonthsPerYear: 10,
        eqfLevels: [7],
      })
      expect(a.conditions[0].languageSkills[0]).toEqual({ language: 'ko', cefr: 'B1', isced: null })
      expect(await countAudit(t)).toBe(before + 1)
    })

    it('refuses bad agreements naming each field, and changes nothing', async () => {
      const before = await countAudit(t)
      const res = await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({
          kind: 'treaty',
          startDate: '2027-02-30',
          endDate: 'soon',
          parties: [{ institutionId: homeId }],
          conditions: [
            condition({
              mobilityType: 'staff_teaching',
              receivingInstitutionId: minhoId,
              academicYearFrom: '2026/2028',
              eqfLevels: [9],
              languageSkills: [{ language: 'xx', cefr: 'D1' }],
              subjectAreas: [{ isced: 'medicine' }],
            }),
          ],
        }),
      )
      expect(res.statusCode).toBe(400)
      const paths = json(res).errors.map((e: { path: string }) => e.path)
      for (const p of [
        'body.kind',
        'body.startDate',
        'body.endDate',
        'body.parties',
        'body.conditions.0.academicYearFrom',
        'body.conditions.0.eqfLevels.0',
        'body.conditions.0.languageSkills.0.language',
        'body.conditions.0.languageSkills.0.cefr',
        'body.conditions.0.subjectAreas.0.isced',
      ]) {
        expect(paths).toContain(p)
      }
      const staffInMonths = await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({ conditions: [condition({ mobilityType: 'staff_teaching' })] }),
      )
      expect(json(staffInMonths).errors[0].path).toBe('body.conditions.0.totalMonthsPerYear')
      const notParty = await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({ conditions: [condition({ receivingInstitutionId: minhoId })] }),
      )
      expect(json(notParty).errors[0].path).toBe('body.conditions.0.receivingInstitutionId')
      const noHome = await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({ parties: [{ institutionId: minhoId }, { institutionId: snuId }], conditions: [] }),
      )
      expect(json(noHome).errors[0]).toMatchObject({ path: 'body.parties', message: 'must include the home institution' })
      const reversed = await call(
        officer,
        'POST',
        '/api/agreements',
        agreement({ startDate: '2027-01-01', endDate: '2026-01-01' }),
      )
      expect(json(reversed).errors[0].path).toBe('body.endDate')
      expect(await countAudit(t)).toBe(before)
    })

    it('goes through its lifecycle: each step checked, illegal ones refused with the reason', async () => {
      const a = json(await call(officer, 'POST', '/api/agreements', agreement()))
      const step = (action: string, reason?: string) =>
        call(officer, 'POST', `/api/agreements/${a.id}/transitions`, { action, ...(reason ? { reason } : {}) })

      const early = await step('sign')
      expect(early.statusCode).toBe(409)
      expect(json(early).detail).toContain('cannot sign an agreement that is draft')
      expect(json(await step('negotiate')).status).toBe('negotiation')

      const unsigned = await step('sign')
      expect(unsigned.statusCode).toBe(409)
      expect(json(unsigned).detail).toContain('Record who signed for')

      const signers = await call(officer, 'PUT', `/api/agreements/${a.id}/signatories`, {
        signatories: [
          { institutionId: homeId, name: 'Prof. Nurlan Abenov', position: 'Rector', signedOn: todayUtc() },
          { institutionId: snuId, name: 'Prof. Hong Gil-dong', signedOn: addDays(todayUtc(), -1) },
        ],
      })
      expect(signers.statusCode).toBe(200)
      const future = await call(officer, 'PUT', `/api/agreements/${a.id}/signatories`, {
        signatories: [{ institutionId: homeId, name: 'Someone', signedOn: addDays(todayUtc(), 5) }],
      })
      expect(json(future).errors[0].path).toBe('body.signatories.0.signedOn')
      expect(json(await step('sign')).detail).toContain('Upload the signed copy')

      expect((await upload(officer, a.id, Buffer.from('not a pdf'), 'application/pdf')).statusCode).toBe(400)
      expect((await upload(officer, a.id, PDF, 'text/html')).statusCode).toBe(415)
      expect((await upload(coordinator, a.id, PDF, 'application/pdf')).statusCode).toBe(403)
      const file = json(await upload(officer, a.id, PDF, 'application/pdf', 'Signed — SNU.pdf'))
      expect(file).toMatchObject({ version: 1, kind: 'signed_copy', size: PDF.length })
      const again = json(await upload(officer, a.id, PDF, 'application/pdf', 'Signed — SNU.pdf'))
      expect(again.version).toBe(2)
      const download = await call(coordinator, 'GET', `/api/agreements/${a.id}/files/${file.id}`)
      expect(download.statusCode).toBe(200)
      expect(download.headers['content-type']).toBe('application/pdf')
      expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Signed%20%E2%80%94%20SNU.pdf")
      expect(download.rawPayload.equals(PDF)).toBe(true)

      expect(json(await step('sign')).status).toBe('signed')
      const terms = await call(officer, 'PUT', `/api/agreements/${a.id}`, agreement({ endDate: addDays(todayUtc(), 2000) }))
      expect(terms.statusCode).toBe(409)
      expect(json(terms).errors[0].path).toBe('body.endDate')
      const rename = await call(
        officer,
        'PUT',
        `/api/agreements/${a.id}`,
        agreement({ title: 'Exchange in medicine with Seoul National University' }),
      )
      expect(rename.statusCode).toBe(200)

      const active = json(await step('activate'))
      expect(active.status).toBe('active')
      expect(active.editable).toBe(false)
      const noReason = await step('terminate')
      expect(json(noReason).errors[0].path).toBe('body.reason')

      const renewed = await call(officer, 'POST', `/api/agreements/${a.id}/renewal`, {})
      expect(renewed.statusCode).toBe(201)
      const successor = json(renewed)
      expect(successor).toMatchObject({
        status: 'draft',
        predecessor: { id: a.id },
        startDate: addDays(addDays(todayUtc(), 1500), 1),
      })
      expect(successor.conditions).toHaveLength(1)
      expect(successor.conditions[0].academicYearFrom > a.conditions[0].academicYearFrom).toBe(true)
      const old = json(await call(officer, 'GET', `/api/agreements/${a.id}`))
      expect(old).toMatchObject({ status: 'renewed', successor: { id: successor.id } })
      expect((await call(officer, 'POST', `/api/agreements/${a.id}/renewal`, {})).statusCode).toBe(409)

      const terminated = await call(officer, 'POST', `/api/agreements/${successor.id}/transitions`, {
        action: 'terminate',
        reason: 'Partner withdrew',
      })
      expect(json(terminated)).toMatchObject({ status: 'terminated', terminationReason: 'Partner withdrew' })

      const timeline = json(await call(coordinator, 'GET', `/api/agreements/${a.id}/timeline`))
      const actions = timeline.map((e: { action: string }) => e.action)
      expect(actions).toEqual(
        expect.arrayContaining(['create', 'negotiate', 'set_signatories', 'attach_file', 'sign', 'activate', 'renew']),
      )
    })

    it('keeps an attachment under a clean name with the extension of what it is', async () => {
      const a = json(await call(officer, 'POST', '/api/agreements', agreement()))
      const pdf = Buffer.from('%PDF-1.4 signed')
      const res = await upload(officer, a.id, pdf, 'application/pdf', 'scan\u202efdp.exe')
      expect(res.statusCode, res.body).toBe(201)
      const detail = json(await call(officer, 'GET', `/api/agreements/${a.id}`))
      expect(detail.files.map((f: { fileName: string }) => f.fileName)).toEqual(['scanfdp.pdf'])
      const download = await call(officer, 'GET', `/api/agreements/${a.id}/files/${detail.files[0].id}`)
      expect(download.headers['content-disposition']).toContain('filename="scanfdp.pdf"')
    })

    it('keeps comments on the timeline; partners see neither', async () => {
      const [a] = json(await call(officer, 'GET', '/api/agreements?q=minho')).items
      expect(
        (await call(coordinator, 'POST', `/api/agreements/${a.id}/comments`, { body: 'Call them about 2027 places' })).statusCode,
      ).toBe(201)
      expect((await call(coordinator, 'POST', `/api/agreements/${a.id}/comments`, { body: '  ' })).statusCode).toBe(400)
      const timeline = json(await call(officer, 'GET', `/api/agreements/${a.id}/timeline`))
      expect(timeline[0]).toMatchObject({ kind: 'comment', body: 'Call them about 2027 places', actor: 'Elena Kim' })
      expect((await call(partner, 'GET', `/api/agreements/${a.id}/timeline`)).statusCode).toBe(403)
    })

    it('shows a partner coordinator only their own institution’s agreements', async () => {
      const mine = json(await call(partner, 'GET', '/api/agreements?pageSize=200'))
      expect(mine.total).toBeGreaterThan(0)
      for (const a of mine.items) expect(a.parties.map((p: { institutionId: string }) => p.institutionId)).toContain(minhoId)
      const all = json(await call(officer, 'GET', '/api/agreements?pageSize=200'))
      const other = all.items.find(
        (a: { parties: { institutionId: string }[] }) => !a.parties.some((p) => p.institutionId === minhoId),
      )
      expect((await call(partner, 'GET', `/api/agreements/${other.id}`)).statusCode).toBe(404)
      expect((await call(partner, 'GET', `/api/agreements/${other.id}/pdf`)).statusCode).toBe(404)
      const exported = await call(partner, 'GET', '/api/agreements/export?format=csv')
      expect(Papa.parse(exported.body.replace(/^\uFEFF/, '').trim()).data.length - 1).toBe(mine.total)
      expect((await call(partner, 'PUT', `/api/agreements/${other.id}`, agreement())).statusCode).toBe(403)
      expect((await call(student, 'GET', '/api/agreements')).statusCode).toBe(403)
      expect((await call(partner, 'GET', '/api/network/countries')).statusCode).toBe(403)
      const institutions = json(await call(partner, 'GET', '/api/institutions?pageSize=200'))
      const home = institutions.items.find((i: { isHome: boolean }) => i.isHome)
      expect(home.agreementsTotal).toBe(mine.total)
      expect((await call(partner, 'GET', `/api/institutions/${snuId}/flows`)).statusCode).toBe(404)
    })

    it('filters by status, country, expiry, mobility type and subject area, and exports XLSX', async () => {
      const list = (qs: string) => call(officer, 'GET', `/api/agreements?pageSize=200&${qs}`).then(json)
      const expiring = await list('expiringWithin=200')
      expect(expiring.items.map((a: { title: string }) => a.title)).toContain(
        'Student exchange in medicine and nursing with Évora',
      )
      expect((await list('country=PT&status=active,expiring')).total).toBe(2)
      expect(
        (await list('mobilityType=staff_teaching')).items.every((a: { mobilityTypes: string[] }) =>
          a.mobilityTypes.includes('staff_teaching'),
        ),
      ).toBe(true)
      expect((await list('subjectArea=09')).total).toBeGreaterThan(0)
      expect((await list('subjectArea=0111')).total).toBe(0)
      expect((await list('q=braga01')).items[0].parties.some((p: { name: string }) => p.name === 'University of Minho')).toBe(
        true,
      )
      const xlsx = await call(officer, 'GET', '/api/agreements/export?format=xlsx&country=PT')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      expect(wb.worksheets[0]!.rowCount - 1).toBe((await list('country=PT')).total)
      const bad = await call(officer, 'GET', '/api/agreements?status=alive&expiringWithin=-1&subjectArea=x')
      expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(
        expect.arrayContaining(['querystring.status.0', 'querystring.expiringWithin', 'querystring.subjectArea']),
      )
    })

    it('renders the summary PDF in Korean and Russian with the fonts embedded', async () => {
      const [a] = json(await call(officer, 'GET', '/api/agreements?q=minho')).items
      for (const lang of ['ko', 'ru']) {
        const res = await call(officer, 'GET', `/api/agreements/${a.id}/pdf?lang=${lang}`)
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toBe('application/pdf')
        const text = res.rawPayload.toString('latin1')
        expect(text.startsWith('%PDF-')).toBe(true)
        expect(text).toContain(lang === 'ko' ? 'NotoSansKR' : 'NotoSans')
      }
    })
  })

  describe('daily lifecycle', () => {
    it('moves agreements by their dates and sends each reminder once', async () => {
      const make = async (start: number, end: number, status: string) => {
        const a = json(
          await call(
            officer,
            'POST',
            '/api/agreements',
            agreement({
              title: `Dated ${status} ${end}`,
              kind: 'mou',
              conditions: [],
              startDate: addDays(todayUtc(), start),
              endDate: addDays(todayUtc(), end),
            }),
          ),
        )
        await t.db
          .updateTable('agreements')
          .set({ status: status as 'signed' })
          .where('id', '=', a.id)
          .execute()
        return a.id as string
      }
      const starting = await make(-1, 1000, 'signed')
      const soon = await make(-400, 85, 'active')
      const over = await make(-400, -2, 'active')
      t.mail.sent.length = 0
      const first = await runDailyLifecycle(t.deps)
      expect(first.activated).toBeGreaterThanOrEqual(1)
      const status = async (id: string) =>
        (await t.db.selectFrom('agreements').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
      expect(await status(starting)).toBe('active')
      expect(await status(soon)).toBe('expiring')
      expect(await status(over)).toBe('expired')
      const reminders = t.mail.sent.filter((m) => m.subject.includes('ends in 85 days'))
      expect(reminders).toHaveLength(1)
      expect(reminders[0]!.to).toBe('officer@demo.meridian.test')
      const sentBefore = t.mail.sent.length
      await runDailyLifecycle(t.deps)
      expect(t.mail.sent.length).toBe(sentBefore)
      const log = await t.db.selectFrom('agreement_reminders').select('days').where('agreement_id', '=', soon).execute()
      expect(log.map((r) => r.days).sort()).toEqual([180, 90])
    })

    it('has configurable reminder days, validated', async () => {
      const res = await call(officer, 'PUT', '/api/settings/agreements', { reminderDays: [30, 120, 60] })
      expect(json(res)).toEqual({ reminderDays: [120, 60, 30] })
      const bad = await call(officer, 'PUT', '/api/settings/agreements', { reminderDays: [0, 30, 30] })
      expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(
        expect.arrayContaining(['body.reminderDays.0', 'body.reminderDays']),
      )
      expect((await call(coordinator, 'PUT', '/api/settings/agreements', { reminderDays: [30] })).statusCode).toBe(403)
      await call(officer, 'PUT', '/api/settings/agreements', { reminderDays: [180, 90, 30] })
    })
  })

  it('refuses bad input on every registry write, naming the field, and changes nothing', async () => {
    const [minhoAgreement] = json(await call(officer, 'GET', '/api/agreements?q=minho')).items
    const a = minhoAgreement.id
    const studentId = (await t.db.selectFrom('users').select('id').where('role', '=', 'student').executeTakeFirstOrThrow()).id
    const cases: [string, 'POST' | 'PUT' | 'GET', string, object | undefined, string][] = [
      [
        'an empty institution name',
        'PUT',
        `/api/institutions/${minhoId}`,
        { name: '', kind: 'university', country: 'PT' },
        'body.name',
      ],
      [
        'a unit of another institution',
        'PUT',
        `/api/institutions/${minhoId}`,
        {
          name: 'University of Minho',
          kind: 'university',
          country: 'PT',
          schacId: 'uminho.pt',
          erasmusCode: 'P  BRAGA01',
          rorId: '037wpkx04',
          confirmDuplicate: true,
          units: [{ id: snuId, name: 'X' }],
        },
        'body.units.0.id',
      ],
      ['a merge target that is not an id', 'POST', `/api/institutions/${minhoId}/merge`, { into: 'minho' }, 'body.into'],
      ['an unknown lifecycle step', 'POST', `/api/agreements/${a}/transitions`, { action: 'explode' }, 'body.action'],
      [
        'a renewal date that does not exist',
        'POST',
        `/api/agreements/${a}/renewal`,
        { startDate: '2027-13-01' },
        'body.startDate',
      ],
      [
        'a signatory without a name',
        'PUT',
        `/api/agreements/${a}/signatories`,
        { signatories: [{ institutionId: minhoId, name: 'A' }] },
        'body.signatories.0.name',
      ],
      ['an unknown file kind', 'POST', `/api/agreements/${a}/files?kind=poster&name=x.pdf`, undefined, 'querystring.kind'],
      ['an empty comment', 'POST', `/api/agreements/${a}/comments`, { body: '' }, 'body.body'],
      ['no reminder days', 'PUT', '/api/settings/agreements', { reminderDays: [] }, 'body.reminderDays'],
      ['a negative column in a mapping', 'POST', `/api/imports/${a}/preview`, { mapping: { name: [-1] } }, 'body.mapping.name.0'],
      [
        'a student as responsible officer',
        'POST',
        '/api/agreements',
        agreement({ responsibleId: studentId }),
        'body.responsibleId',
      ],
      ['an id that is not a UUID', 'GET', '/api/agreements/AGR-1', undefined, 'params.id'],
    ]
    for (const [what, method, url, payload, path] of cases) {
      const before = await countAudit(t)
      const res = await call(officer, method, url, payload)
      expect(res.statusCode, what).toBe(400)
      expect(
        json(res).errors.map((e: { path: string }) => e.path),
        what,
      ).toContain(path)
      expect(await countAudit(t), what).toBe(before)
    }
  })

  it('counts partners and agreements in force per country for the map', async () => {
    const stats = json(await call(coordinator, 'GET', '/api/network/countries'))
    const pt = stats.find((s: { country: string }) => s.country === 'PT')
    expect(pt.institutions).toBeGreaterThanOrEqual(2)
    expect(pt.agreementsInForce).toBeGreaterThanOrEqual(2)
  })
})

describe('exports', () => {
  it('defuse cells a spreadsheet would run as formulas', async () => {
    const { defuse } = await import('../../../http/table-export.js')
    expect(defuse('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")')
    expect(defuse('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(defuse('-2+3')).toBe("'-2+3")
    expect(defuse('University of Minho')).toBe('University of Minho')
    expect(defuse(-2)).toBe(-2)
    expect(defuse(null)).toBe('')
  })
})
