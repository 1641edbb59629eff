import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, caller, countAudit, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { acceptedByHost, sampleItem } from '../../../../../test/mobility.js'
import { DOCUMENT_MAX_BYTES } from '../../../../shared/limits.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { remindExpiringItems } from './checklist.reminders.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e50000000049454e44ae426082',
  'hex',
)

// The checklist before departure of an applicant accepted by the host, whose opportunity asks
// for immunisations and insurance.
describe.each(TEST_DB_KINDS)('the checklist before departure on %s', (kind) => {
  let t: TestApp
  let officer: Credentials
  let reviewer: Credentials
  let student: Credentials
  let someoneElse: Credentials
  let host: Credentials
  let otherPartner: Credentials
  let id: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const path = () => `/api/applications/${id}/checklist`
  const today = todayUtc()
  const upload = (who: Credentials, item: string, body: Buffer, mime = 'application/pdf', name = `${item}.pdf`) =>
    t.app.inject({
      method: 'POST',
      url: `${path()}/${item}/proof?name=${encodeURIComponent(name)}`,
      headers: { ...who.headers, 'content-type': mime },
      payload: body,
    })
  const stateOf = async (item: string) =>
    json(await call(officer, 'GET', path())).items.find((i: { item: string }) => i.item === item)

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    ;({ id, student, someoneElse, host, otherPartner } = await acceptedByHost(t, officer, 'cl-host@host.example.test'))
    await t.db
      .updateTable('opportunities')
      .set({ requirements: ['immunisations', 'insurance'] })
      .where('id', '=', t.db.selectFrom('applications').select('offered_opportunity_id').where('id', '=', id))
      .execute()
  })
  afterAll(() => t?.close())

  it("is built from the opportunity's requirements and shown to the student and the office only", async () => {
    const view = json(await call(student, 'GET', path()))
    expect(view.items.map((i: { item: string }) => i.item)).toEqual(['immunisations', 'insurance', 'emergency_contact', 'travel'])
    expect(view.items.map((i: { state: string }) => i.state)).toEqual(['missing', 'missing', 'missing', 'missing'])
    expect(view).toMatchObject({ complete: false, editable: true, verifier: false })
    expect(view.items[1]).toMatchObject({ needsProof: true, expiring: true })
    expect(view.items[2]).toMatchObject({ needsProof: false, expiring: false })
    expect(json(await call(officer, 'GET', path())).verifier).toBe(true)
    for (const who of [host, reviewer, someoneElse, otherPartner]) {
      expect((await call(who, 'GET', path())).statusCode).toBe(404)
      expect((await call(who, 'PUT', path(), sampleItem('travel'))).statusCode).toBe(404)
    }
  })

  it('refuses bad input naming the field, and changes nothing', async () => {
    const audit = await countAudit(t)
    const bad = async (body: object, field: string, status = 400) => {
      const res = await call(student, 'PUT', path(), body)
      expect(res.statusCode, res.body).toBe(status)
      if (status === 400) expect(json(res).errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    const travel = sampleItem('travel')
    await bad({ ...travel, item: 'passport' }, 'body.item')
    await bad({ ...travel, details: { ...travel.details, returnOn: addDays(today, 5) } }, 'body.details.returnOn')
    await bad({ ...travel, details: { ...travel.details, departOn: '2027-02-30' } }, 'body.details.departOn')
    await bad({ ...travel, details: { ...travel.details, extra: 1 } }, 'body.details.extra')
    const contact = sampleItem('emergency_contact')
    await bad({ ...contact, details: { ...contact.details, phone: 'call me' } }, 'body.details.phone')
    await bad({ ...contact, details: { ...contact.details, name: '  ' } }, 'body.details.name')
    const shots = sampleItem('immunisations')
    await bad({ ...shots, details: { doses: [] } }, 'body.details.doses')
    await bad({ ...shots, details: { doses: [{ vaccine: 'MMR', date: addDays(today, 2) }] } }, 'body.details.doses.0.date')
    await bad(shots, 'body.proof')
    const insurance = sampleItem('insurance')
    expect((await upload(student, 'insurance', PDF)).statusCode).toBe(200)
    await bad({ ...insurance, expiresOn: null }, 'body.expiresOn')
    await bad({ ...insurance, expiresOn: addDays(today, -1) }, 'body.expiresOn')
    // An item this mobility does not ask for.
    await bad(sampleItem('visa'), '', 409)
    expect((await upload(student, 'visa', PDF)).statusCode).toBe(409)
    expect((await stateOf('travel')).state).toBe('missing')
    // Only the proof upload above was written.
    expect(await countAudit(t)).toBe(audit + 1)
  })

  it('checks proofs by content, cleans their names, encrypts health proofs and hides them from the host', async () => {
    expect((await upload(student, 'immunisations', PNG)).statusCode).toBe(400)
    expect((await upload(student, 'immunisations', Buffer.from('just text'), 'application/pdf')).statusCode).toBe(415)
    const big = Buffer.concat([PDF, Buffer.alloc(DOCUMENT_MAX_BYTES)])
    expect((await upload(student, 'immunisations', big)).statusCode).toBe(413)
    expect((await upload(host, 'immunisations', PDF)).statusCode).toBe(403)
    expect((await upload(someoneElse, 'immunisations', PDF)).statusCode).toBe(404)
    expect((await upload(student, 'emergency_contact', PDF)).statusCode).toBe(409)
    const ok = await upload(student, 'immunisations', PDF, 'application/pdf', '../../etc/Vaccination record.pdf')
    expect(ok.statusCode, ok.body).toBe(200)
    const proof = json(ok).items[0].proof
    expect(proof.fileName).toBe('Vaccination record.pdf')
    const stored = await t.db.selectFrom('documents').selectAll().where('id', '=', proof.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ kind: 'proof_immunisations', encrypted: true })
    expect(stored.content.subarray(0, 4).toString()).not.toBe('%PDF')
    const own = await call(student, 'GET', `/api/documents/${proof.id}`)
    expect(own.statusCode).toBe(200)
    expect(own.rawPayload.subarray(0, 4).toString()).toBe('%PDF')
    for (const who of [host, reviewer, otherPartner, someoneElse])
      expect((await call(who, 'GET', `/api/documents/${proof.id}`)).statusCode).toBe(404)
    // The application's own document list, which the host and reviewers read, leaves proofs out.
    const app = json(await call(officer, 'GET', `/api/applications/${id}`))
    expect(app.documents.some((d: { kind: string }) => d.kind.startsWith('proof_'))).toBe(false)
    const log = await t.db.selectFrom('document_access_log').selectAll().where('document_id', '=', proof.id).execute()
    expect(log.map((l) => l.action)).toContain('download')
  })

  it('goes to the officer once everything is in, who verifies or rejects each item with a reason', async () => {
    t.mail.sent.length = 0
    for (const item of ['immunisations', 'insurance', 'emergency_contact']) {
      const res = await call(student, 'PUT', path(), sampleItem(item))
      expect(res.statusCode, res.body).toBe(200)
    }
    expect(t.mail.sent).toHaveLength(0)
    expect((await call(officer, 'POST', `${path()}/travel/verify`)).statusCode).toBe(409)
    expect(json(await call(student, 'PUT', path(), sampleItem('travel'))).items[3].state).toBe('submitted')
    expect(t.mail.sent.map((m) => m.subject)).toEqual([expect.stringContaining('Checklist to verify')])

    expect((await call(student, 'POST', `${path()}/insurance/verify`)).statusCode).toBe(403)
    const verified = await call(officer, 'POST', `${path()}/insurance/verify`)
    expect(verified.statusCode, verified.body).toBe(200)
    expect(json(verified).items[1]).toMatchObject({ state: 'verified', verifiedBy: expect.any(String), coversStay: true })
    expect((await call(officer, 'POST', `${path()}/insurance/verify`)).statusCode).toBe(409)

    t.mail.sent.length = 0
    expect((await call(officer, 'POST', `${path()}/emergency_contact/reject`, { reason: ' ' })).statusCode).toBe(400)
    const rejected = await call(officer, 'POST', `${path()}/emergency_contact/reject`, {
      reason: 'Give a contact who can be reached by telephone at night.',
    })
    expect(json(rejected).items[2]).toMatchObject({ state: 'rejected', rejection: expect.stringContaining('at night') })
    expect(t.mail.sent[0]).toMatchObject({ subject: expect.stringContaining('needs another look') })
    expect(t.mail.sent[0]!.text).toContain('at night')
    expect((await call(officer, 'POST', `${path()}/emergency_contact/verify`)).statusCode).toBe(409)

    // A new proof for a verified item goes back to the officer.
    expect((await upload(student, 'insurance', PDF)).statusCode).toBe(200)
    expect((await stateOf('insurance')).state).toBe('submitted')

    for (const item of ['immunisations', 'insurance', 'travel']) await call(officer, 'POST', `${path()}/${item}/verify`)
    await call(student, 'PUT', path(), sampleItem('emergency_contact'))
    t.mail.sent.length = 0
    const last = await call(officer, 'POST', `${path()}/emergency_contact/verify`)
    expect(json(last).complete).toBe(true)
    expect(t.mail.sent[0]!.subject).toContain('checklist before departure is complete')
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', 'like', 'checklist_%')
      .execute()
    // A new proof for a verified item reopens it, and that write is audited too.
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['checklist_submit', 'checklist_verify', 'checklist_reject', 'checklist_reopen']),
    )
  })

  it('reminds the student and the officer 30 and 7 days before an item lapses and on the day, once each', async () => {
    const expireIn = (days: number) =>
      t.db
        .updateTable('checklist_items')
        .set({ expires_on: addDays(today, days) })
        .where('application_id', '=', id)
        .where('item', '=', 'insurance')
        .execute()
    const subjects = () => t.mail.sent.map((m) => m.subject).filter((s) => s.includes('insurance'))
    await expireIn(40)
    t.mail.sent.length = 0
    await remindExpiringItems(t.deps, today)
    expect(subjects()).toEqual([])
    await expireIn(20)
    await remindExpiringItems(t.deps, today)
    expect(subjects()).toEqual([
      'Checklist: your health and liability insurance expires soon',
      expect.stringMatching(/^Checklist: .+'s health and liability insurance expires soon$/),
    ])
    expect(t.mail.sent[0]!.text).toContain('expires in 20 days')
    await remindExpiringItems(t.deps, today)
    expect(subjects()).toHaveLength(2)
    await expireIn(5)
    await remindExpiringItems(t.deps, today)
    expect(subjects()).toHaveLength(4)
    await expireIn(-1)
    await remindExpiringItems(t.deps, today)
    await remindExpiringItems(t.deps, today)
    expect(subjects()).toHaveLength(6)
    expect(subjects()[4]).toContain('has expired')
    // A lapsed item no longer counts as verified, and the student may not leave on it.
    expect((await stateOf('insurance')).state).toBe('expired')
    const view = json(await call(student, 'GET', path()))
    expect(view.complete).toBe(false)
    const arrival = await call(student, 'POST', `/api/applications/${id}/mobility/arrival`, { arrivedOn: today })
    expect(arrival.statusCode).toBe(409)
    expect(json(arrival).detail).toContain('health and liability insurance (expired)')
  })
})
