import { CompiledQuery, type Kysely } from 'kysely'
import type pg from 'pg'
import PgBoss from 'pg-boss'
import type { DB } from '../../../db/schema.js'
import type { Mailer, MailMessage } from './mailer.js'

const QUEUE = 'mail'

/**
 * Mail is sent by a job, queued in the same transaction as the change that asks for it:
 * a rolled-back invitation sends nothing, and a committed one is sent even after a crash.
 */
export interface MailQueue {
  enqueue(trx: Kysely<DB>, message: MailMessage): Promise<void>
}

export class Jobs implements MailQueue {
  private constructor(private readonly boss: PgBoss) {}

  static async start(pool: pg.Pool, mailer: Mailer, log: { error(obj: object, msg: string): void }): Promise<Jobs> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'pgboss',
      supervise: true,
      schedule: true,
    })
    boss.on('error', (err) => log.error({ err }, 'job queue error'))
    await boss.start()
    await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 30, retryBackoff: true })
    await boss.work<MailMessage>(QUEUE, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
      for (const job of jobs) await mailer.send(job.data)
    })
    return new Jobs(boss)
  }

  /**
   * Runs `handler` on the `cron` schedule (UTC), and once now, so a server started after a pause
   * catches up at once. The handler must be safe to run twice.
   */
  async scheduled(name: string, cron: string, handler: () => Promise<unknown>): Promise<void> {
    await this.boss.createQueue(name, { name, retryLimit: 3, retryDelay: 300 })
    await this.boss.work(name, { pollingIntervalSeconds: 10 }, async () => {
      await handler()
    })
    await this.boss.schedule(name, cron, {}, { tz: 'UTC' })
    await this.boss.send(name, {}, { singletonKey: `${name}-start`, singletonSeconds: 60 })
  }

  async enqueue(trx: Kysely<DB>, message: MailMessage): Promise<void> {
    await this.boss.send(QUEUE, message, {
      db: {
        executeSql: async (text, values) => {
          const result = await trx.executeQuery(CompiledQuery.raw(text, values))
          return { rows: result.rows as unknown[] }
        },
      },
    })
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 })
  }
}

/** Sends at once, without a queue: for tests and commands that have no worker running. */
export class DirectMail implements MailQueue {
  readonly sent: MailMessage[] = []
  constructor(private readonly mailer?: Mailer) {}
  async enqueue(_trx: Kysely<DB>, message: MailMessage): Promise<void> {
    this.sent.push(message)
    await this.mailer?.send(message)
  }
}
