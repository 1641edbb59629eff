import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateWideBomb, generateXlsx } from '../../../../bench/import-xlsx.js'
import { type Credentials, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../test/db.js'
import { subjectArea, suggestMapping } from './fields.js'

/** A partner list as offices keep them: semicolons, a BOM, Portuguese and Russian headers, capitals, spaced codes. */
const MESSY = [
  'Instituição;País;Cidade;Código Erasmus;Места (медицина);Места (стоматология);E-mail',
  'UNIVERSIDADE DO PORTO;Portugal;PORTO;P PORTO02;3;1;relint@up.example',
  'University of Minho;PT;Braga;P  BRAGA01;2;;',
  'Universidad de Granada;Spain;Granada;E GRANADA01;two;0;nobody',
  'Uniwersytet Jagielloński;Atlantis;Kraków;PL KRAKOW01;1;;',
].join('\r\n')

describe.each(TEST_DB_KINDS)('partner import on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
  })
  afterAll(() => t?.close())

  const upload = (content: Buffer, type: string, name = 'partners.csv', who = officer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/institutions?name=${name}`,
      headers: { ...who.headers, 'content-type': type },
      payload: content,
    })
  const step = (id: string, s: 'preview' | 'commit', body: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/${s}`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: body,
    })

  it('suggests a mapping from headers in other languages and names programmes', () => {
    const m = suggestMapping([
      'Instituição',
      'País',
      'Cidade',
      'Código Erasmus',
      'Места (медицина)',
      'Места (стоматология)',
      'E-mail',
    ])
    expect(m).toMatchObject({ name: [0], country: [1], city: [2], erasmusCode: [3], places: [4, 5], contactEmail: [6] })
    expect(subjectArea('Места (стоматология)')).toMatchObject({ isced: '0911' })
    expect(subjectArea('0912 Medicine')).toEqual({ isced: '0912', clarification: 'Medicine' })
  })

  it('shows every invalid row with its reason, writes nothing, then imports once fixed; a re-import updates', async () => {
    const res = await upload(Buffer.from(`\uFEFF${MESSY}`), 'text/csv')
    expect(res.statusCode).toBe(201)
    // The upload itself is recorded; checking and a refused commit write nothing more.
    const before = await countAudit(t)
    const up = json(res)
    const sheet = up.sheets[0]
    expect(sheet).toMatchObject({ rowCount: 4, remembered: false })
    const mapping = sheet.mapping

    const preview = json(await step(up.id, 'preview', { mapping }))
    expect(preview).toMatchObject({ total: 4, creates: 1, updates: 1, errors: 2 })
    const byRow = Object.fromEntries(preview.rows.map((r: { row: number }) => [r.row, r]))
    expect(byRow[2]).toMatchObject({ name: 'Universidade do Porto', country: 'PT', action: 'create', places: 4 })
    expect(byRow[3]).toMatchObject({ action: 'update' })
    expect(byRow[4].errors).toEqual(
      expect.arrayContaining([
        { field: 'places', message: '"two" is not a number of places' },
        { field: 'contactEmail', message: '"nobody" is not an e-mail address' },
      ]),
    )
    expect(byRow[5].errors[0]).toMatchObject({ field: 'country' })
    const refused = await step(up.id, 'commit', { mapping })
    expect(refused.statusCode).toBe(400)
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toContain('row 4.places')
    expect(await countAudit(t)).toBe(before)

    const fixed = MESSY.replace(';two;0;nobody', ';2;0;relint@ugr.example').replace('Atlantis', 'Польша')
    const up2 = json(await upload(Buffer.from(`\uFEFF${fixed}`), 'text/csv'))
    expect(up2.sheets[0].mapping).toEqual(mapping)
    const done = json(await step(up2.id, 'commit', { mapping }))
    expect(done).toMatchObject({ creates: 3, updates: 1, errors: 0 })
    const porto = await t.db
      .selectFrom('institutions')
      .selectAll()
      .where('erasmus_code', '=', 'P  PORTO02')
      .executeTakeFirstOrThrow()
    expect(porto).toMatchObject({ name: 'Universidade do Porto', city: 'Porto', country: 'PT' })
    const krakow = await t.db
      .selectFrom('institutions')
      .select('country')
      .where('erasmus_code', '=', 'PL KRAKOW01')
      .executeTakeFirstOrThrow()
    expect(krakow.country).toBe('PL')
    const conditions = await t.db
      .selectFrom('agreement_conditions as c')
      .innerJoin('agreement_parties as p', 'p.agreement_id', 'c.agreement_id')
      .select(['c.mobilities_per_year', 'c.subject_areas'])
      .where('p.institution_id', '=', porto.id)
      .execute()
    expect(conditions.map((c) => [c.subject_areas[0]!.isced, c.mobilities_per_year]).sort()).toEqual([
      ['0911', 1],
      ['0912', 3],
    ])
    expect((await step(up2.id, 'commit', { mapping })).statusCode).toBe(409)

    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('institutions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const institutions = await count()
    const again = json(await upload(Buffer.from(fixed.replace(';3;1;', ';5;1;')), 'text/csv'))
    const reimport = json(await step(again.id, 'commit', { mapping }))
    expect(reimport).toMatchObject({ creates: 0, updates: 4 })
    expect(await count()).toBe(institutions)
    const after = await t.db
      .selectFrom('agreement_conditions as c')
      .innerJoin('agreement_parties as p', 'p.agreement_id', 'c.agreement_id')
      .select(['c.mobilities_per_year', 'c.subject_areas'])
      .where('p.institution_id', '=', porto.id)
      .execute()
    expect(after.map((c) => [c.subject_areas[0]!.isced, c.mobilities_per_year]).sort()).toEqual([
      ['0911', 1],
      ['0912', 5],
    ])
  })

  it('reads every sheet of an XLSX workbook and refuses bad mappings and files', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Notes').addRow(['Exported from the old system'])
    const ws = wb.addWorksheet('Partners')
    ws.addRow(['Name', 'Country', 'Places Medicine'])
    ws.addRow(['KAROLINSKA INSTITUTET', 'SE', 2])
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const up = json(await upload(buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'partners.xlsx'))
    expect(up.sheets.map((s: { name: string }) => s.name)).toEqual(['Notes', 'Partners'])
    const partners = up.sheets[1]
    expect(partners.mapping).toMatchObject({ name: [0], country: [1], places: [2] })
    const preview = json(await step(up.id, 'preview', { sheet: 'Partners', mapping: partners.mapping }))
    expect(preview.rows[0]).toMatchObject({ name: 'Karolinska Institutet', action: 'update', places: 2 })

    const noName = await step(up.id, 'preview', { sheet: 'Partners', mapping: { country: [1] } })
    expect(json(noName).errors[0]).toMatchObject({ path: 'body.mapping.name' })
    const twice = await step(up.id, 'preview', { sheet: 'Partners', mapping: { name: [0], country: [0] } })
    expect(json(twice).errors[0].path).toBe('body.mapping.country')
    const noSheet = await step(up.id, 'preview', { sheet: 'Nope', mapping: partners.mapping })
    expect(json(noSheet).errors[0].path).toBe('body.sheet')
    expect((await upload(Buffer.from(''), 'text/csv')).statusCode).toBe(400)
    expect((await upload(Buffer.from('Name;Country\r\n'), 'text/csv')).statusCode).toBe(400)
    const coordinator = await signInAs(t, 'coordinator')
    expect((await upload(Buffer.from(MESSY), 'text/csv', 'p.csv', coordinator)).statusCode).toBe(403)
    const other = await signInAs(t, 'admin')
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${up.id}/preview`,
      headers: { ...other.headers, 'content-type': 'application/json' },
      payload: { mapping: partners.mapping },
    })
    expect(foreign.statusCode).toBe(404)
  })

  // Reads a crafted file and a large one in the worker thread: longer than a test's default by design.
  it('refuses a spreadsheet bomb naming the limit, keeps nothing, and answers its health check while a large file is read', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const before = await countAudit(t)
    const bomb = await upload(await generateWideBomb(), xlsx, 'bomb.xlsx')
    expect(bomb.statusCode).toBe(413)
    expect(json(bomb).detail).toMatch(/column XFD of row 1; an import reads at most 200 columns \(up to GR\)/)
    expect(await countAudit(t)).toBe(before)

    const large = await generateXlsx(20_000, 20)
    const health: number[] = []
    let reading = true
    const read = upload(large, xlsx, 'large.xlsx').finally(() => {
      reading = false
    })
    while (reading) {
      const started = performance.now()
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
      health.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 20))
    }
    const res = await read
    expect(res.statusCode).toBe(201)
    expect(json(res).sheets[0]).toMatchObject({ name: 'Partners', rowCount: 20_000 })
    // The server's thread kept answering while the file was read in a worker.
    expect(health.length).toBeGreaterThan(5)
  }, 60_000)
})
