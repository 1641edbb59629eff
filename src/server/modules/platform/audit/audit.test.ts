import { sql } from 'kysely'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Credentials,
  countAudit,
  createTestApp,
  json,
  signInAs,
  type TestApp,
  userIdByRole,
} from '../../../../../test/app.js'

describe('audit trail', () => {
  let t: TestApp
  let admin: Credentials
  beforeAll(async () => {
    t = await createTestApp({ demo: true })
    admin = await signInAs(t, 'admin')
  })
  afterAll(() => t?.close())

  const patchUser = (id: string, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload,
    })

  it('records actor, entity, action, before/after and request id with the write', async () => {
    const staffId = await userIdByRole(t, 'staff')
    const res = await patchUser(staffId, { role: 'reviewer' })
    expect(res.statusCode).toBe(200)
    const event = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', staffId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      entity_type: 'user',
      action: 'update',
      actor_label: 'admin@demo.meridian.test',
      request_id: res.headers['x-request-id'],
    })
    expect((event.before as { role: string }).role).toBe('staff')
    expect((event.after as { role: string }).role).toBe('reviewer')
    expect(JSON.stringify(event)).not.toMatch(/password_hash|\$argon2/)
  })

  it('writes nothing, neither the change nor its record, when the write fails', async () => {
    const studentId = await userIdByRole(t, 'student')
    const before = await countAudit(t)
    // A coordinator needs a unit: the update is refused inside the transaction.
    const res = await patchUser(studentId, { role: 'coordinator', name: 'Renamed' })
    expect(res.statusCode).toBe(400)
    const row = await t.db.selectFrom('users').select(['role', 'name']).where('id', '=', studentId).executeTakeFirstOrThrow()
    expect(row.role).toBe('student')
    expect(await countAudit(t)).toBe(before)
  })

  it('keeps the last active admin', async () => {
    const adminId = await userIdByRole(t, 'admin')
    const res = await patchUser(adminId, { active: false })
    expect(res.statusCode).toBe(409)
  })

  it('is append-only, even for the database owner', async () => {
    await expect(sql`update audit_events set action = 'forged'`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/)
  })

  it('lets admins filter and page the trail', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit?entityType=user&action=update&pageSize=5',
      headers: admin.headers,
    })
    expect(res.statusCode).toBe(200)
    const body = json(res)
    expect(body.items.length).toBeGreaterThan(0)
    expect(
      body.items.every((e: { entityType: string; action: string }) => e.entityType === 'user' && e.action === 'update'),
    ).toBe(true)
    const byDate = await t.app.inject({ method: 'GET', url: '/api/audit?to=2000-01-01', headers: admin.headers })
    expect(json(byDate).total).toBe(0)
  })

  it('exports exactly the filtered trail as CSV', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/export?entityType=institution', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/csv/)
    const rows = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    expect(rows[0]).toEqual([
      'time_utc',
      'actor',
      'actor_id',
      'entity_type',
      'entity_id',
      'action',
      'before',
      'after',
      'request_id',
    ])
    const total = json(
      await t.app.inject({ method: 'GET', url: '/api/audit?entityType=institution', headers: admin.headers }),
    ).total
    expect(rows.length - 1).toBe(total)
    expect(rows.slice(1).every((r) => r[3] === 'institution')).toBe(true)
  })
})
