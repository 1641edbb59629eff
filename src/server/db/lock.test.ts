import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from './lock.js'

describe('embedded data directory lock', () => {
  it('refuses a second holder and names the process that holds it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-lock-'))
    // Another process takes the lock and keeps it until told to stop.
    const holder = spawn(process.execPath, [
      '--import',
      'tsx',
      '-e',
      `import('${path.resolve('src/server/db/lock.ts')}').then(m => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setTimeout(() => {}, 60000) })`,
    ])
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d) => String(d).includes('locked') && resolve())
      holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)))
    })
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid}`))
    } finally {
      holder.kill('SIGKILL')
    }
    await new Promise((r) => holder.once('exit', r))
    // The holder died without cleaning up: its lock is stale and is taken over.
    const lock = lockDataDir(dir)
    lock.release()
    expect(existsSync(path.join(dir, 'meridian.lock'))).toBe(false)
  })

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-lock-'))
    writeFileSync(
      path.join(dir, 'meridian.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, hostname: hostname(), command: 'old', startedAt: 'x' }),
    )
    const lock = lockDataDir(dir)
    lock.release()
  })
})
