import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

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
})
