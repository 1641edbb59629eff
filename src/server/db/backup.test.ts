import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './database.js'
import { checkDocumentKey, keyFingerprint } from './document-key.js'
import { seal, unseal } from './seal.js'

const run = promisify(execFile)
const meridian = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['bin/meridian.mjs', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  })

describe('backup and restore of the embedded database', () => {
  it('restores what was backed up, keeping the replaced data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-backup-'))
    const file = path.join(dir, 'backup.tar.gz')
    const dataDir = path.join(dir, 'data')
    await meridian(dataDir, 'seed')
    await meridian(dataDir, 'backup', file)
    expect(existsSync(file)).toBe(true)
    // After the backup the database changes: a second seed is refused because users exist,
    // so change it by creating an admin instead.
    await run(process.execPath, ['bin/meridian.mjs', 'create-admin', '--email', 'later@example.test'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', MERIDIAN_ADMIN_PASSWORD: 'a long enough password' },
    })
    const { stdout } = await meridian(dataDir, 'restore', file)
    expect(stdout).toMatch(/Restored/)
    expect(readdirSync(dataDir).some((f) => f.startsWith('pgdata.before-restore-'))).toBe(true)
    // The admin created after the backup is gone: creating it again succeeds.
    const again = await run(process.execPath, ['bin/meridian.mjs', 'create-admin', '--email', 'later@example.test'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', MERIDIAN_ADMIN_PASSWORD: 'a long enough password' },
    })
    expect(again.stdout).toMatch(/Admin later@example.test created/)
  }, 180_000)

  it('refuses a file that is not a backup and leaves the data alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-backup-'))
    const dataDir = path.join(dir, 'data')
    await meridian(dataDir, 'migrate')
    const bad = path.join(dir, 'notes.txt')
    writeFileSync(bad, 'not a backup')
    await expect(meridian(dataDir, 'restore', bad)).rejects.toMatchObject({
      stderr: expect.stringMatching(/not a Meridian backup/),
    })
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(true)
  }, 120_000)

  it('keeps the document key apart unless asked, and refuses a restore or a start with another key, naming the one needed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-backup-'))
    const home = path.join(dir, 'home')
    await meridian(home, 'seed')
    const key = Buffer.from(readFileSync(path.join(home, 'document-key'), 'utf8').trim(), 'base64')
    // A passport sealed with this directory's key, as an upload would be.
    const database = await openDatabase({ dataDir: home })
    const owner = await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    const passport = Buffer.from('%PDF-1.4 a passport')
    await database.db
      .insertInto('documents')
      .values({
        owner_id: owner.id,
        kind: 'passport',
        file_name: 'passport.pdf',
        mime: 'application/pdf',
        size: passport.length,
        sha256: 'x',
        encrypted: true,
        content: seal(key, passport),
      })
      .execute()
    await database.close()

    const plain = path.join(dir, 'plain.backup')
    const { stdout } = await meridian(home, 'backup', plain)
    expect(stdout).toContain(`fingerprint ${keyFingerprint(key)}`)
    expect(readFileSync(plain).includes(key.toString('base64'))).toBe(false)

    // Into a new directory, which makes a key of its own: refused, and nothing swapped in.
    const elsewhere = path.join(dir, 'elsewhere')
    await meridian(elsewhere, 'migrate')
    const refused = await meridian(elsewhere, 'restore', plain).catch((e: { stderr: string; code: number }) => e)
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/sealed with another document key/) })
    expect(readdirSync(elsewhere).some((f) => f.startsWith('pgdata.before-restore-'))).toBe(false)

    // With the key: the new directory takes the backup's key, and the passport opens.
    const withKey = path.join(dir, 'with-key.backup')
    const made = await meridian(home, 'backup', withKey, '--with-key')
    expect(made.stderr).toMatch(/Warning: .* carries the document key/)
    const restored = await meridian(elsewhere, 'restore', withKey)
    expect(restored.stdout).toMatch(/The document key it carries is now/)
    expect(readFileSync(path.join(elsewhere, 'document-key'), 'utf8').trim()).toBe(key.toString('base64'))
    const opened = await openDatabase({ dataDir: elsewhere })
    const doc = await opened.db.selectFrom('documents').select('content').where('encrypted', '=', true).executeTakeFirstOrThrow()
    expect(unseal(key, doc.content).toString()).toBe(passport.toString())
    // The fingerprint is kept with the data; another key is then refused by it.
    expect(await checkDocumentKey(opened.db, key)).toEqual({ ok: true, recorded: true })
    const other = Buffer.alloc(32, 7)
    expect(await checkDocumentKey(opened.db, other)).toMatchObject({
      ok: false,
      expected: keyFingerprint(key),
      message: expect.stringContaining(`sealed with the document key with fingerprint ${keyFingerprint(key)}`),
    })
    await opened.close()

    // A start with another DOCUMENT_KEY is refused with that message instead of serving broken documents.
    const start = await run(process.execPath, ['bin/meridian.mjs', 'start'], {
      env: {
        ...process.env,
        DATA_DIR: elsewhere,
        DATABASE_URL: '',
        LOG_LEVEL: 'silent',
        PORT: '0',
        DOCUMENT_KEY: other.toString('base64'),
      },
      timeout: 60_000,
    }).catch((e: { stderr: string; code: number }) => e)
    expect(start).toMatchObject({ code: 2, stderr: expect.stringMatching(/fingerprint .* DOCUMENT_KEY/) })
  }, 240_000)
})
