import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DatabaseKind } from './db/database.js'
import type { DB } from './db/schema.js'
import type { Env } from './env.js'
import type { Clock } from './kernel/clock.js'
import type { Events } from './kernel/events.js'
import type { MailQueue } from './modules/comms/mail/mail.queue.js'

/** What services are given: the database, the configuration, the mail queue, a logger, the events and the clock. */
export interface Deps {
  db: Kysely<DB>
  dbKind: DatabaseKind
  env: Env
  mail: MailQueue
  log: FastifyBaseLogger
  /** The rooms' events and their listeners (src/server/events.ts). */
  events: Events
  /** The time every rule reads (kernel/clock.ts); tests and journeys move it. */
  clock: Clock
}

/** What a service that writes and then tells people needs: the database, the mail queue, the configuration and the clock. */
export type MailDeps = Pick<Deps, 'db' | 'mail' | 'env' | 'clock'>
