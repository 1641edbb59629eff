import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  caller,
  countAudit,
  createTestApp,
  demoUnits,
  json,
  sessionFor,
  signInAs,
  type TestApp,
} from '../../../../../test/app.js'
import { TEST_DB_KINDS } from '../../../../../test/db.js'
import { buildUser } from '../../../../../test/factories.js'

// A person asks the office to delete one of their documents once their application is submitted;
// the office deletes it or keeps it with a reason; the person hears either way (decision 034).
describe.each(TEST_DB_KINDS)('requests to delete a document on %s', (kind) => {
  let t: TestApp
  let call: ReturnType<typeof caller>
  let officer: Credentials
  let reviewer: Credentials
  let owner: Credentials
  let stranger: Credentials
  let applicationId: string
  let documentId: string
  let ownerEmail: string
  const ask = (who: Credentials, id: string, reason: string | number) =>
    call(who, 'POST', `/api/documents/${id}/deletion-request`, { reason })

  /** A document of this person's application, stored as an upload would store it. */
  async function documentOf(appId: string, ownerId: string, fileName: string) {
    const content = Buffer.from(`%PDF-1.4 ${fileName}`)
    const row = await t.db
      .insertInto('documents')
      .values({
        owner_id: ownerId,
        application_id: appId,
        kind: 'transcript',
        file_name: fileName,
        mime: 'application/pdf',
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        uploaded_by: ownerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    call = caller(t)
    officer = await signInAs(t, 'officer')
    reviewer = await signInAs(t, 'reviewer')
    stranger = await signInAs(t, 'student')
    // One of the demo round's applicants (submitted, scored by the demo reviewer).
    const app = await t.db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select(['a.id', 'a.applicant_id', 'u.email'])
      .where('a.status', '=', 'submitted')
      .orderBy('u.email')
      .executeTakeFirstOrThrow()
    applicationId = app.id
    ownerEmail = app.email
    owner = await sessionFor(t, app.applicant_id)
    documentId = await documentOf(app.id, app.applicant_id, 'grades-2026.pdf')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('is asked by the owner alone, with a reason, once at a time', async () => {
    const before = await countAudit(t)
    const short = await ask(owner, documentId, 'no')
    expect(short.statusCode).toBe(400)
    expect(json(short).errors[0].path).toBe('body.reason')
    expect((await ask(owner, documentId, 42)).statusCode).toBe(400)
    expect(
      (await call(owner, 'POST', `/api/documents/${documentId}/deletion-request`, { reason: 'x'.repeat(20), more: 1 }))
        .statusCode,
    ).toBe(400)
    // The office deletes directly; a reviewer may read it but not ask; a stranger is told it does not exist.
    expect((await ask(officer, documentId, 'Please remove this file.')).statusCode).toBe(403)
    expect((await ask(reviewer, documentId, 'Please remove this file.')).statusCode).toBe(403)
    expect((await ask(stranger, documentId, 'Please remove this file.')).statusCode).toBe(404)
    expect((await ask(null as never, documentId, 'Please remove this file.')).statusCode).toBe(401)
    expect(await countAudit(t)).toBe(before)

    const asked = await ask(owner, documentId, 'I uploaded the transcript of another semester by mistake.')
    expect(asked.statusCode, asked.body).toBe(201)
    expect(json(asked)).toMatchObject({ status: 'open', keepReason: null, decidedAt: null })
    expect(await countAudit(t)).toBe(before + 1)
    const again = await ask(owner, documentId, 'I uploaded the transcript of another semester by mistake.')
    expect(again.statusCode).toBe(409)
    expect(json(again).detail).toMatch(/already asked/)

    // The owner and the office see it with the document; the reviewer does not.
    const mine = json(await call(owner, 'GET', `/api/applications/${applicationId}`))
    expect(mine.documents.find((d: { id: string }) => d.id === documentId).deletionRequest).toMatchObject({ status: 'open' })
    const office = json(await call(officer, 'GET', `/api/applications/${applicationId}`))
    expect(office.documents.find((d: { id: string }) => d.id === documentId).deletionRequest.reason).toMatch(/by mistake/)
    const theirs = json(await call(reviewer, 'GET', `/api/applications/${applicationId}`))
    expect(theirs.documents.find((d: { id: string }) => d.id === documentId).deletionRequest).toBeNull()

    // It waits for the office on the home page and in the digest.
    const tasks = json(await call(officer, 'GET', '/api/me/tasks')).groups as {
      kind: string
      items: { applicationId: string }[]
    }[]
    expect(tasks.find((g) => g.kind === 'deletionRequests')?.items.map((i) => i.applicationId)).toEqual([applicationId])
  })

  it('is answered by the office: kept with a reason, or the document deleted, and the person is told', async () => {
    const open = json(await call(officer, 'GET', `/api/applications/${applicationId}`)).documents.find(
      (d: { id: string }) => d.id === documentId,
    ).deletionRequest
    const keep = (who: Credentials, reason: string) =>
      call(who, 'POST', `/api/document-deletion-requests/${open.id}/keep`, { reason })
    expect((await keep(owner, 'I would rather keep it myself.')).statusCode).toBe(403)
    expect((await keep(officer, 'short')).statusCode).toBe(400)
    const coordinator = await sessionFor(
      t,
      (await buildUser(t.db, { role: 'coordinator', org_unit_id: (await demoUnits(t)).medUnit })).id,
    )
    expect((await keep(coordinator, 'The selection is not over yet.')).statusCode).toBe(404)

    t.mail.sent.length = 0
    const kept = await keep(officer, 'The selection committee still needs it until the results are out.')
    expect(kept.statusCode, kept.body).toBe(200)
    expect(json(kept)).toMatchObject({
      status: 'kept',
      keepReason: 'The selection committee still needs it until the results are out.',
    })
    expect(t.mail.sent).toHaveLength(1)
    expect(t.mail.sent[0]).toMatchObject({ to: ownerEmail, subject: 'Your document is kept for now: grades-2026.pdf' })
    expect(t.mail.sent[0]!.text).toContain('The selection committee still needs it')
    expect((await keep(officer, 'The selection committee still needs it.')).statusCode).toBe(409)
    expect((await call(owner, 'GET', `/api/documents/${documentId}`)).statusCode).toBe(200)

    // Asked again later, and this time deleted: the request is answered by the deletion, and stays on record.
    expect((await ask(owner, documentId, 'The results are out; please delete it now.')).statusCode).toBe(201)
    t.mail.sent.length = 0
    expect((await call(officer, 'DELETE', `/api/documents/${documentId}`)).statusCode).toBe(204)
    expect(t.mail.sent.map((m) => m.subject)).toEqual(['Your document is deleted: grades-2026.pdf'])
    const record = await t.db
      .selectFrom('document_deletion_requests')
      .select(['status', 'document_id', 'file_name'])
      .where('application_id', '=', applicationId)
      .orderBy('requested_at')
      .execute()
    expect(record).toEqual([
      { status: 'kept', document_id: null, file_name: 'grades-2026.pdf' },
      { status: 'deleted', document_id: null, file_name: 'grades-2026.pdf' },
    ])
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', applicationId)
      .where('action', 'in', ['request_document_deletion', 'keep_document', 'delete_document'])
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'request_document_deletion',
      'keep_document',
      'request_document_deletion',
      'delete_document',
    ])
    const tasks = json(await call(officer, 'GET', '/api/me/tasks')).groups as { kind: string; count: number }[]
    expect(tasks.find((g) => g.kind === 'deletionRequests')?.count ?? 0).toBe(0)
  })

  it('is not for a draft, whose owner deletes the document themselves', async () => {
    const person = await buildUser(t.db)
    const draft = await t.db
      .insertInto('applications')
      .values({
        call_id: (
          await t.db.selectFrom('applications').select('call_id').where('id', '=', applicationId).executeTakeFirstOrThrow()
        ).call_id,
        applicant_id: person.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const doc = await documentOf(draft.id, person.id, 'draft.pdf')
    const res = await ask(await sessionFor(t, person.id), doc, 'I no longer want to apply with this.')
    expect(res.statusCode).toBe(409)
    expect(json(res).detail).toMatch(/delete the document yourself/)
  })
})
