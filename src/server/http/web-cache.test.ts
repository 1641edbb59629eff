import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/db.js'
import { buildApp } from '../app.js'
import type { Database } from '../db/database.js'
import { loadEnv } from '../env.js'
import { createEvents } from '../events.js'
import { systemClock } from '../kernel/clock.js'
import { DirectMail } from '../modules/comms/mail/mail.queue.js'
import type { App } from './types.js'

// After a deploy the page must load the new build at once: the HTML is revalidated on each visit,
// fingerprinted assets are kept for good, and a file that is not there is a 404, not the page.
describe('the web app as served', () => {
  let app: App
  let database: Database
  beforeAll(async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'meridian-web-'))
    mkdirSync(path.join(webDir, 'assets'))
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>')
    writeFileSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)')
    writeFileSync(path.join(webDir, 'favicon.svg'), '<svg/>')
    database = await createTestDatabase('embedded')
    const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: webDir, SESSION_SECRET: 'test-secret-test-secret-test-secret-0123' })
    const deps = {
      db: database.db,
      dbKind: database.kind,
      env,
      mail: new DirectMail(),
      log: pino({ level: 'silent' }),
      events: createEvents(),
      clock: systemClock,
    }
    app = await buildApp(deps, { webDir })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('serves pages with no-cache and fingerprinted assets as immutable', async () => {
    for (const url of ['/', '/catalog', '/partners/123', '/index.html']) {
      const page = await app.inject({ method: 'GET', url })
      expect(page.statusCode, url).toBe(200)
      expect(page.headers['cache-control'], url).toBe('no-cache')
      expect(page.body).toContain('<div id="root">')
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await app.inject({ method: 'GET', url: '/favicon.svg' })).headers['cache-control']).toBe('public, max-age=3600')
  })

  it('answers a missing asset with 404, not the page', async () => {
    for (const url of ['/assets/index-OldBuild1.js', '/assets/style-Gone.css', '/robots.txt', '/logo.png?v=2']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/)
    }
  })
})
