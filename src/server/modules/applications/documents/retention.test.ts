import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, caller, createTestApp, json, signInAs, type TestApp } from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { acceptedByHost } from '../../../../../test/mobility.js'
import { addDays, todayUtc } from '../../../kernel/dates.js'
import { applyRetention } from './retention.js'

// Identity and health documents go a configurable time after the mobility ends; other documents,
// and those of mobilities still under way, stay.
describe.each(TEST_DB_KINDS)('document retention on %s', (kind) => {
  let t: TestApp
  let admin: Credentials
  let officer: Credentials
  let student: Credentials
  let abroad: string
  let withdrawn: string
  const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(t)(...args)
  const today = todayUtc()

  async function addDocument(applicationId: string, kind: string) {
    const a = await t.db
      .selectFrom('applications')
      .select('applicant_id')
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow()
    const d = await t.db
      .insertInto('documents')
      .values({
        owner_id: a.applicant_id,
        application_id: applicationId,
        kind,
        file_name: `${kind}.pdf`,
        mime: 'application/pdf',
        size: 4,
        sha256: '0'.repeat(64),
        encrypted: kind === 'passport',
        content: Buffer.from('%PDF'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return d.id
  }
  const exists = async (id: string) => !!(await t.db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst())

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    admin = await signInAs(t, 'admin')
    officer = await signInAs(t, 'officer')
    let second: string
    ;({ id: abroad, second, student } = await acceptedByHost(t, officer, 'retention-host@host.example.test'))
    withdrawn = second
  })
  afterAll(() => t?.close())

  it('lets an admin set the time, checking it, and shows the office what is kept', async () => {
    const path = '/api/settings/documents'
    expect(json(await call(officer, 'GET', path))).toMatchObject({ retentionDays: 365 })
    expect((await call(student, 'GET', path)).statusCode).toBe(403)
    expect((await call(officer, 'PUT', path, { retentionDays: 400 })).statusCode).toBe(403)
    for (const body of [{ retentionDays: 10 }, { retentionDays: 4000 }, { retentionDays: 90.5 }, { retentionDays: '90' }]) {
      const res = await call(admin, 'PUT', path, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(json(res).errors[0].path).toBe('body.retentionDays')
    }
    expect((await call(admin, 'PUT', path, { retentionDays: 90, extra: 1 })).statusCode).toBe(400)
    const set = await call(admin, 'PUT', path, { retentionDays: 500 })
    expect(set.statusCode, set.body).toBe(200)
    expect(json(set).retentionDays).toBe(500)
    const audit = await t.db
      .selectFrom('audit_events')
      .select('after')
      .where('entity_id', '=', 'documents.retentionDays')
      .executeTakeFirstOrThrow()
    expect(audit.after).toEqual({ retentionDays: 500 })
  })

  it('deletes identity and health documents only once the mobility has ended long enough, and logs each deletion', async () => {
    const passport = await addDocument(abroad, 'passport')
    const transcript = await addDocument(abroad, 'transcript')
    const otherPassport = await addDocument(withdrawn, 'immunisation_record')
    await t.db
      .updateTable('applications')
      .set({ status: 'withdrawn', withdrawn_at: new Date(`${addDays(today, -400)}T12:00:00Z`) })
      .where('id', '=', withdrawn)
      .execute()
    // Abroad: nothing of theirs goes, however long ago they left home.
    await t.db
      .insertInto('mobilities')
      .values({ application_id: abroad, arrived_on: addDays(today, -900) })
      .execute()

    // 500 days: the withdrawal 400 days ago is not old enough.
    expect(await applyRetention(t, today)).toEqual({ deleted: 0, retentionDays: 500 })
    expect(await exists(otherPassport)).toBe(true)

    expect((await call(admin, 'PUT', '/api/settings/documents', { retentionDays: 365 })).statusCode).toBe(200)
    expect(await applyRetention(t, today)).toEqual({ deleted: 1, retentionDays: 365 })
    expect(await exists(otherPassport)).toBe(false)
    expect(await exists(passport)).toBe(true)

    // Back home 366 days ago: the passport goes, the transcript of records stays.
    await t.db
      .updateTable('mobilities')
      .set({ status: 'returned', left_on: addDays(today, -366), transcript_at: new Date() })
      .where('application_id', '=', abroad)
      .execute()
    const overview = json(await call(officer, 'GET', '/api/settings/documents'))
    expect(overview).toMatchObject({ kept: 1, ongoing: 0, nextDeletionOn: today })
    expect(await applyRetention(t, today)).toEqual({ deleted: 1, retentionDays: 365 })
    expect(await exists(passport)).toBe(false)
    expect(await exists(transcript)).toBe(true)
    expect(await applyRetention(t, today)).toEqual({ deleted: 0, retentionDays: 365 })

    const log = await t.db
      .selectFrom('document_access_log')
      .select(['document_id', 'user_id', 'action'])
      .where('document_id', 'in', [passport, otherPassport])
      .execute()
    expect(log).toHaveLength(2)
    expect(log.every((l) => l.action === 'delete' && l.user_id === null)).toBe(true)
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['entity_id', 'before'])
      .where('action', '=', 'retention_delete')
      .execute()
    expect(audits.map((a) => a.entity_id).sort()).toEqual([abroad, withdrawn].sort())
    expect(JSON.stringify(audits)).toContain(passport)
  })
})
