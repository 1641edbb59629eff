import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import pino from 'pino'
import { buildApp } from '../src/server/app.js'
import type { Database } from '../src/server/db/database.js'
import type { DB } from '../src/server/db/schema.js'
import type { Deps } from '../src/server/deps.js'
import { loadEnv } from '../src/server/env.js'
import { createEvents } from '../src/server/events.js'
import type { App } from '../src/server/http/types.js'
import { MovableClock } from '../src/server/kernel/clock.js'
import { startSession } from '../src/server/modules/accounts/auth/auth.service.js'
import { DirectMail } from '../src/server/modules/comms/mail/mail.queue.js'
import type { Role } from '../src/shared/roles.js'
import { createDemoDatabase, createTestDatabase, type TestDbKind } from './db.js'

export interface TestApp {
  app: App
  deps: Deps
  db: Kysely<DB>
  database: Database
  mail: DirectMail
  /** The app's clock; a test moves it forward instead of waiting or rewriting dates. */
  clock: MovableClock
  close(): Promise<void>
}

export async function createTestApp(
  options: { kind?: TestDbKind; demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  // A suite starts from the migrated template; the demo office only when it asks for it.
  const database = options.demo ? await createDemoDatabase(options.kind) : await createTestDatabase(options.kind)
  const env = loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'meridian-test-')),
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...options.env,
  })
  const mail = new DirectMail()
  const clock = new MovableClock()
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    env,
    mail,
    log: pino({ level: 'silent' }),
    events: createEvents(),
    clock,
  }
  const app = await buildApp(deps, { webDir: null })
  await app.ready()
  return {
    app,
    deps,
    db: database.db,
    database,
    mail,
    clock,
    async close() {
      await app.close()
      await database.close()
    },
  }
}

export interface Credentials {
  userId: string
  headers: Record<string, string>
}

/** A fresh session for a user, as the headers a browser would send on a write. */
export async function sessionFor(t: TestApp, userId: string): Promise<Credentials> {
  const { token, csrfToken } = await startSession(t.deps, t.db, userId, '127.0.0.1', 'vitest')
  const signed = t.app.signCookie(token)
  return { userId, headers: { cookie: `meridian_session=${signed}`, 'x-csrf-token': csrfToken } }
}

export async function userIdByRole(t: TestApp, role: Role): Promise<string> {
  const row = await t.db.selectFrom('users').select('id').where('role', '=', role).orderBy('created_at').executeTakeFirstOrThrow()
  return row.id
}

export async function signInAs(t: TestApp, role: Role): Promise<Credentials> {
  return sessionFor(t, await userIdByRole(t, role))
}

/** A request as someone (or nobody, with null), with a JSON body when one is given. */
export function caller(t: TestApp) {
  return (who: Credentials | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { ...(who?.headers ?? {}), ...(payload ? { 'content-type': 'application/json' } : {}) },
      ...(payload ? { payload } : {}),
    })
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T
}

export async function countAudit(t: TestApp): Promise<number> {
  const r = await t.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The demo institutions the suites work with. */
export async function demoInstitutions(t: TestApp) {
  const rows = await t.db.selectFrom('institutions').select(['id', 'name', 'is_home']).execute()
  const named = (name: string) => rows.find((r) => r.name === name)!.id
  return {
    homeId: rows.find((r) => r.is_home)!.id,
    minhoId: named('University of Minho'),
    snuId: named('Seoul National University'),
  }
}

/** The demo faculty of medicine (code MED) and another unit, for tests of a coordinator's reach. */
export async function demoUnits(t: TestApp) {
  const units = await t.db.selectFrom('org_units').select(['id', 'code']).execute()
  return { medUnit: units.find((u) => u.code === 'MED')!.id, otherUnit: units.find((u) => u.code !== 'MED')!.id }
}

/** Publishes the allocation of the demo's closed round of electives (seed/applications.ts), offers open a week; its id. */
export async function publishDemoRound(t: TestApp, officer: Credentials): Promise<string> {
  const closed = await t.db.selectFrom('calls').select('id').where('closes_at', '<', new Date()).executeTakeFirstOrThrow()
  const published = await caller(t)(officer, 'POST', `/api/calls/${closed.id}/allocation/publish`, {
    offerDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  })
  if (published.statusCode !== 200) throw new Error(`publishing the demo round: ${published.body}`)
  return closed.id
}
