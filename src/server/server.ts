import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { buildApp } from './app.js'
import { type Database, openDatabase } from './db/database.js'
import { checkDocumentKey, DocumentKeyError } from './db/document-key.js'
import { migrateToLatest } from './db/migrate.js'
import { isEmpty, seedDemo } from './db/seed/demo.js'
import type { Deps } from './deps.js'
import type { Env } from './env.js'
import { createEvents } from './events.js'
import type { App } from './http/types.js'
import { MovableClock, systemClock } from './kernel/clock.js'
import { applyRetention } from './modules/applications/documents/retention.js'
import { announceOpenedCalls } from './modules/catalog/calls/calls.announce.js'
import { sendDigests } from './modules/comms/digest/digest.js'
import { Jobs } from './modules/comms/mail/mail.queue.js'
import { createMailer } from './modules/comms/mail/mailer.js'
import { remindExpiringItems } from './modules/mobility/checklists/checklist.reminders.js'
import { runDailyLifecycle } from './modules/registry/agreements/lifecycle.js'
import { registryLists } from './modules/registry/lists/registry-lists.js'
import { lapseOffers } from './modules/selection/allocation/allocation.service.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const WEB_DIR = path.join(ROOT, 'dist/web')

export function createLogger(env: Env) {
  // Times in UTC ISO 8601; credentials and cookies never reach the log.
  return pino({
    level: env.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
  })
}

export interface Running {
  app: App
  database: Database
  jobs: Jobs
  seeded: boolean
  stop(): Promise<void>
}

/** Opens the database, migrates, seeds a first embedded start, starts the jobs and the HTTP server. */
export async function startServer(env: Env, options: { webDir?: string | null; listen?: boolean } = {}): Promise<Running> {
  const log = createLogger(env)
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir })
  let jobs: Jobs | null = null
  try {
    const applied = await migrateToLatest(database.db)
    if (applied.length) log.info({ migrations: applied }, 'database migrated')
    // Another key than the one that sealed the documents would make each of them fail to open.
    const key = await checkDocumentKey(database.db, env.documentKey)
    if (!key.ok) throw new DocumentKeyError(key.message)
    const wantSeed = env.SEED_DEMO === 'yes' || (env.SEED_DEMO === 'auto' && database.kind === 'embedded')
    const seeded = wantSeed && (await isEmpty(database.db))
    if (seeded) {
      await seedDemo(database.db, { history: true })
      log.info('demo data seeded')
    }
    const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: path.join(env.dataDir, 'mail-outbox') })
    const started = await Jobs.start(database.pool, mailer, log)
    jobs = started
    const clock = env.MOVABLE_CLOCK === 'true' ? new MovableClock() : systemClock
    const deps: Deps = { db: database.db, dbKind: database.kind, env, mail: started, log, events: createEvents(), clock }
    let shuttingDown = false
    await started.scheduled('agreements-daily', '10 2 * * *', async () => {
      const result = await runDailyLifecycle(deps, undefined, () => shuttingDown)
      log.info({ ...result }, 'agreements: daily lifecycle done')
    })
    await started.scheduled('calls-opened', '*/5 * * * *', async () => {
      const result = await announceOpenedCalls(deps)
      if (result.mails) log.info({ ...result }, 'calls: openings announced')
    })
    await started.scheduled('checklist-expiry', '20 2 * * *', async () => {
      const result = await remindExpiringItems(deps)
      if (result.sent) log.info({ ...result }, 'checklists: expiry reminders sent')
    })
    await started.scheduled('document-retention', '40 2 * * *', async () => {
      const result = await applyRetention(deps, undefined, () => shuttingDown)
      if (result.deleted) log.info({ ...result }, 'documents: identity and health documents deleted under retention')
    })
    await started.scheduled('office-digest', '0 6 * * *', async () => {
      const result = await sendDigests(deps, undefined, () => shuttingDown)
      if (result.sent) log.info({ ...result }, 'digest: daily digests sent')
    })
    await started.scheduled('offers-lapse', '*/15 * * * *', async () => {
      const result = await lapseOffers(deps)
      if (result.lapsed) log.info({ ...result }, 'allocation: unanswered offers lapsed and their places given on')
    })
    const app = await buildApp(deps, { logger: log, webDir: options.webDir === undefined ? WEB_DIR : options.webDir })
    // Requests still running at shutdown finish before the database closes under them.
    let inFlight = 0
    app.server.on('request', (_req, res) => {
      inFlight++
      res.once('close', () => {
        inFlight--
      })
    })
    if (options.listen !== false) await app.listen({ port: env.PORT, host: env.HOST })
    // The registry lists are read into memory now rather than on the first list asked for (decision 023).
    const warming = registryLists(database.db)
      .sync()
      .catch((error: unknown) => log.warn({ err: error }, 'registry lists: first read failed; the first list will retry'))
    let stopping: Promise<void> | null = null
    const stop = () => {
      stopping ??= (async () => {
        shuttingDown = true
        await app.close()
        await warming
        const until = Date.now() + 10_000
        while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
        await started.stop()
        await database.close()
      })()
      return stopping
    }
    return { app, database, jobs: started, seeded, stop }
  } catch (error) {
    // A failure after the worker started (building the app, listening) must not leave it polling.
    await jobs?.stop()
    await database.close()
    throw error
  }
}
