import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * Configuration comes from the environment and is validated once at start.
 * A bad value stops the process with a message naming the variable.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Meridian <no-reply@meridian.localhost>'),
  PUBLIC_URL: z.url('must be a URL such as https://meridian.example.edu').optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  /** Writes are refused while the data directory's disk has less free space than this. */
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).max(1_000_000).default(100),
  /** Lets the browser journeys move the server's clock forward (POST /api/test/clock); refused in production. */
  MOVABLE_CLOCK: z.enum(['true', 'false']).default('false'),
  /** Encrypts identity and health documents at rest: 32 random bytes, base64. */
  DOCUMENT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
})

export type Env = z.infer<typeof EnvSchema> & {
  /** Absolute data directory: embedded database, mail outbox, uploads. */
  dataDir: string
  sessionSecret: string
  /** The key of the documents encrypted at rest (AES-256-GCM). */
  documentKey: Buffer
  publicUrl: string
  /** True when PUBLIC_URL is https, so cookies get the Secure flag. */
  secureCookies: boolean
}

export class EnvError extends Error {}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for each variable.`)
  }
  const env = parsed.data
  const dataDir = path.resolve(env.DATA_DIR)
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
  const serverInProduction = Boolean(env.DATABASE_URL) && env.NODE_ENV === 'production'
  if (serverInProduction && (!env.SESSION_SECRET || !env.DOCUMENT_KEY)) {
    const missing = [
      !env.SESSION_SECRET && '  SESSION_SECRET: required when DATABASE_URL is set in production (at least 32 characters)',
      !env.DOCUMENT_KEY && '  DOCUMENT_KEY: required when DATABASE_URL is set in production (openssl rand -base64 32)',
    ].filter(Boolean)
    throw new EnvError(`Invalid configuration:\n${missing.join('\n')}`)
  }
  if (env.MOVABLE_CLOCK === 'true' && env.NODE_ENV === 'production')
    throw new EnvError('Invalid configuration:\n  MOVABLE_CLOCK: only for tests; it cannot be true when NODE_ENV is production')
  const sessionSecret = env.SESSION_SECRET ?? keptSecret(dataDir, 'session-secret', () => randomBytes(32).toString('base64url'))
  const documentKey = Buffer.from(
    env.DOCUMENT_KEY ?? keptSecret(dataDir, 'document-key', () => randomBytes(32).toString('base64')),
    'base64',
  )
  return { ...env, dataDir, sessionSecret, documentKey, publicUrl, secureCookies: publicUrl.startsWith('https://') }
}

/**
 * Without the variable, a secret is generated once and kept beside the data, readable by this
 * user only. Keep the data directory's backups apart from the database's if that matters.
 */
function keptSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(dataDir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = generate()
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return secret
}
