import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../test/db.js'

/** A destinations list as offices keep them: semicolons, a BOM, Portuguese headers, places per programme. */
const DESTINATIONS = (extra: string[] = []) =>
  Buffer.from(
    `\uFEFF${[
      'Universidade;País;Código Erasmus;Vagas Medicina;Vagas Medicina Dentária;Língua;Nível;Semanas',
      'UNIVERSITY OF MINHO;Portugal;P  BRAGA01;2;1;pt;b1;20',
      'Seoul National University;Coreia do Sul;;3;;en;B2;',
      ...extra,
    ].join('\r\n')}`,
  )

describe.each(TEST_DB_KINDS)('opportunity import on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let coordinator: Credentials
  let callId: string
  let minhoAgreement: string

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    coordinator = await signInAs(t, 'coordinator')
    const call = await t.db.selectFrom('calls').select('id').where('audience', '=', 'outgoing_students').executeTakeFirstOrThrow()
    callId = call.id
    minhoAgreement = (
      await t.db
        .selectFrom('agreements as a')
        .innerJoin('agreement_parties as p', 'p.agreement_id', 'a.id')
        .innerJoin('institutions as i', 'i.id', 'p.institution_id')
        .select('a.id')
        .where('i.name', '=', 'University of Minho')
        .where('a.status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(() => t?.close())

  const upload = (content: Buffer, who = officer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/imports/opportunities?name=destinations.csv',
      headers: { ...who.headers, 'content-type': 'text/csv' },
      payload: content,
    })
  const step = (id: string, s: 'preview' | 'commit', body: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/${s}`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: body,
    })
  const opportunities = () =>
    t.db.selectFrom('opportunities').select(['id', 'title', 'isced', 'status', 'agreement_id', 'duration_weeks']).execute()

  it('maps a destinations list, names every bad row, and writes nothing until all rows are right', async () => {
    const res = await upload(
      DESTINATIONS(['Universidad Imaginaria;Spain;;1;;es;B1;', 'Karolinska Institutet;Sweden;;two;;en;B2;']),
    )
    expect(res.statusCode, res.body).toBe(201)
    const up = json(res)
    expect(up.kind).toBe('opportunities')
    expect(up.sheets[0].mapping).toEqual({
      host: [0],
      country: [1],
      erasmusCode: [2],
      places: [3, 4],
      language: [5],
      minLevel: [6],
      durationWeeks: [7],
    })
    const mapping = up.sheets[0].mapping
    const preview = json(await step(up.id, 'preview', { mapping, callId }))
    expect(preview).toMatchObject({ total: 4, creates: 2, errors: 2 })
    expect(preview.rows[0]).toMatchObject({ name: 'University of Minho', country: 'PT', places: 3, action: 'create' })
    expect(preview.rows[1]).toMatchObject({ name: 'Seoul National University', country: 'KR', places: 3 })
    expect(preview.rows[2].errors).toEqual([
      { field: 'host', message: '"Universidad Imaginaria" is not in the partner registry; add or import the partner first' },
    ])
    expect(preview.rows[3].errors).toEqual([{ field: 'places', message: '"two" is not a number of places' }])

    const before = await opportunities()
    const audits = await countAudit(t)
    const refused = await step(up.id, 'commit', { mapping, callId })
    expect(refused.statusCode).toBe(400)
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual(['row 4.host', 'row 5.places'])
    expect(await opportunities()).toEqual(before)
    expect(await countAudit(t)).toBe(audits)
  })

  it('creates one draft per host and programme, on the agreement in force, and offers the places in the call; a re-import updates', async () => {
    const before = await opportunities()
    const up = json(await upload(DESTINATIONS()))
    const mapping = up.sheets[0].mapping
    const done = await step(up.id, 'commit', { mapping, callId })
    expect(done.statusCode, done.body).toBe(200)
    const after = await opportunities()
    const added = after.filter((o) => !before.some((b) => b.id === o.id))
    // Minho's medicine exchange was already in the catalog: it is updated, not duplicated.
    expect(added.map((o) => [o.title.en, o.isced, o.status]).sort()).toEqual([
      ['Medicina Dentária — University of Minho', '0911', 'draft'],
      ['Medicina — Seoul National University', '0912', 'draft'],
    ])
    expect(added.find((o) => o.isced === '0911')!.agreement_id).toBe(minhoAgreement)
    const semester = after.find((o) => o.title.en === 'Exchange semester in medicine in Braga')!
    expect(semester.duration_weeks).toBe(20)
    const offers = await t.db
      .selectFrom('call_offers')
      .select(['opportunity_id', 'places'])
      .where('call_id', '=', callId)
      .execute()
    const placesOf = (id: string) => offers.find((o) => o.opportunity_id === id)?.places
    expect(placesOf(semester.id)).toBe(2)
    expect(placesOf(added.find((o) => o.isced === '0911')!.id)).toBe(1)
    expect(placesOf(added.find((o) => o.isced === '0912')!.id)).toBe(3)

    // The mapping is remembered; the same file again changes the places and adds nothing.
    const again = json(await upload(DESTINATIONS().toString().replace(';2;1;pt', ';4;1;pt') as unknown as Buffer))
    expect(again.sheets[0].remembered).toBe(true)
    const redo = json(await step(again.id, 'commit', { mapping: again.sheets[0].mapping, callId }))
    expect(redo).toMatchObject({ updates: 2, creates: 0, errors: 0 })
    expect((await opportunities()).length).toBe(after.length)
    const placesNow = await t.db
      .selectFrom('call_offers')
      .select('places')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', semester.id)
      .executeTakeFirstOrThrow()
    expect(placesNow.places).toBe(4)
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', callId).execute()
    expect(audit.filter((a) => a.action === 'import_offers')).toHaveLength(2)
  })

  it('refuses what does not fit: a field this import lacks, a closed call, a role that may not import', async () => {
    const up = json(await upload(DESTINATIONS()))
    const unknown = await step(up.id, 'preview', { mapping: { ...up.sheets[0].mapping, tags: [1] } })
    expect(json(unknown).errors[0]).toMatchObject({ path: 'body.mapping.tags', message: 'is not a field of this import' })
    const noHost = await step(up.id, 'preview', { mapping: { country: [1] } })
    expect(json(noHost).errors[0]).toMatchObject({ path: 'body.mapping.host', message: 'must be mapped to a column' })
    await t.db.updateTable('calls').set({ status: 'cancelled', cancel_reason: 'test' }).where('id', '=', callId).execute()
    const cancelled = await step(up.id, 'preview', { mapping: up.sheets[0].mapping, callId })
    expect(json(cancelled).errors[0]).toMatchObject({ path: 'body.callId', message: 'is closed or cancelled' })
    expect((await upload(DESTINATIONS(), coordinator)).statusCode).toBe(403)
  })
})
