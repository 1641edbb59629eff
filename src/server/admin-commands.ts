import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { isCountryCode } from '../shared/identifiers.js'
import { PASSWORD_MIN_LENGTH } from '../shared/limits.js'
import { backupEmbedded, restoreEmbedded } from './db/backup.js'
import { openDatabase } from './db/database.js'
import { DocumentKeyError, keyFingerprint } from './db/document-key.js'
import { migrateToLatest } from './db/migrate.js'
import { isEmpty, seedDemo } from './db/seed/demo.js'
import { loadEnv } from './env.js'
import { systemCtx } from './http/context.js'
import { recordAudit } from './kernel/audit.js'
import { hashPassword } from './modules/accounts/auth/password.js'
import { indexColumns } from './modules/registry/institutions/institutions.repository.js'

/** The commands that work on the database: loaded only when one of them runs. */
export async function adminCommand(command: string, rest: string[]): Promise<number> {
  switch (command) {
    case 'migrate':
      return withDb(async (db) => {
        const applied = await migrateToLatest(db)
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
        return 0
      })
    case 'seed':
      return withDb(async (db) => {
        await migrateToLatest(db)
        if (!(await isEmpty(db))) {
          console.error('The database already has users; the demo data goes only into an empty one.')
          return 1
        }
        await seedDemo(db, { history: true })
        console.log('Demo data added.')
        return 0
      })
    case 'backup':
    case 'restore': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: command === 'backup' ? { 'with-key': { type: 'boolean' } } : {},
        allowPositionals: true,
        strict: true,
      })
      const file = positionals[0]
      if (!file) return fail(`Name the file: meridian ${command} FILE${command === 'backup' ? ' [--with-key]' : ''}`)
      const env = loadEnv()
      if (env.DATABASE_URL) {
        return fail(
          'DATABASE_URL is set: back up a PostgreSQL server with pg_dump and restore with pg_restore, and keep DOCUMENT_KEY with it (see README).',
        )
      }
      if (command === 'backup') {
        const withKey = values['with-key'] === true
        const { bytes } = await backupEmbedded(env.dataDir, file, withKey ? { withKey: env.documentKey } : {})
        console.log(`Backed up the embedded database in ${env.dataDir} to ${file} (${Math.round(bytes / 1024)} KB).`)
        if (withKey)
          console.warn(
            `Warning: ${file} carries the document key (fingerprint ${keyFingerprint(env.documentKey)}). Anyone who has the file can read the sealed passports and immunisation records in it: keep it as you keep the key.`,
          )
        else
          console.log(
            `The sealed documents in it open only with this document key (fingerprint ${keyFingerprint(env.documentKey)}): keep ${env.DOCUMENT_KEY ? 'DOCUMENT_KEY' : `${env.dataDir}/document-key`} apart and safe, or back up with --with-key.`,
          )
      } else {
        try {
          const { previous, keyRestored } = await restoreEmbedded(env.dataDir, file, {
            current: env.documentKey,
            fromEnvironment: Boolean(env.DOCUMENT_KEY),
          })
          console.log(`Restored ${file} into ${env.dataDir}.${previous ? ` The data it replaced is kept in ${previous}.` : ''}`)
          if (keyRestored) console.log(`The document key it carries is now ${env.dataDir}/document-key.`)
        } catch (error) {
          if (error instanceof DocumentKeyError) return fail(error.message)
          throw error
        }
      }
      return 0
    }
    case 'create-admin':
      return createAdmin(rest)
    default:
      throw new Error(`Not a database command: ${command}`)
  }
}

async function createAdmin(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      institution: { type: 'string' },
      country: { type: 'string' },
    },
    strict: true,
  })
  const email = z.email().safeParse(values.email?.trim().toLowerCase())
  if (!email.success) return fail('--email: give the e-mail address of the new admin, such as --email it@university.edu')
  const password = process.env.MERIDIAN_ADMIN_PASSWORD ?? readStdinPassword()
  if (!password || password.length < PASSWORD_MIN_LENGTH) {
    return fail(`The password must be at least ${PASSWORD_MIN_LENGTH} characters (standard input or MERIDIAN_ADMIN_PASSWORD).`)
  }
  return withDb(async (db) => {
    await migrateToLatest(db)
    const ctx = systemCtx('create-admin')
    const passwordHash = await hashPassword(password)
    return db.transaction().execute(async (trx) => {
      const home = await trx.selectFrom('institutions').select('id').where('is_home', '=', true).executeTakeFirst()
      if (!home) {
        const country = values.country?.toUpperCase()
        if (!values.institution || !country || !isCountryCode(country)) {
          console.error(
            'This is a new install: name the home institution, as --institution "University name" --country CC (ISO 3166 code).',
          )
          return 1
        }
        const inst = await trx
          .insertInto('institutions')
          .values({
            name: values.institution,
            kind: 'university',
            country,
            is_home: true,
            ...indexColumns({ name: values.institution }),
          })
          .returning(['id', 'name', 'country'])
          .executeTakeFirstOrThrow()
        await recordAudit(trx, ctx, { entityType: 'institution', entityId: inst.id, action: 'create', after: inst })
      }
      const existing = await trx.selectFrom('users').select('id').where('email', '=', email.data).executeTakeFirst()
      if (existing) {
        console.error(`${email.data} already has an account.`)
        return 1
      }
      const user = await trx
        .insertInto('users')
        .values({ email: email.data, name: values.name ?? email.data, role: 'admin', password_hash: passwordHash })
        .returning(['id', 'email', 'role'])
        .executeTakeFirstOrThrow()
      await recordAudit(trx, ctx, { entityType: 'user', entityId: user.id, action: 'create', after: user })
      console.log(`Admin ${email.data} created. Sign in at ${loadEnv().publicUrl}.`)
      return 0
    })
  })
}

function readStdinPassword(): string | null {
  if (process.stdin.isTTY) process.stderr.write('Password for the new admin (then Enter, Ctrl-D): ')
  try {
    return readFileSync(0, 'utf8').split('\n')[0]?.trim() ?? null
  } catch {
    return null
  }
}

async function withDb(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<number>): Promise<number> {
  const env = loadEnv()
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir, poolSize: 2 })
  try {
    return (await fn(database.db)) ?? 0
  } finally {
    await database.close()
  }
}

function fail(message: string): number {
  console.error(message)
  return 2
}
