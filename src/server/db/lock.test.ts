import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
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

  it('never takes over a lock that another process is still writing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-lock-'))
    // A lock file that exists but is empty, as one being written at this moment looks.
    writeFileSync(path.join(dir, 'meridian.lock'), '')
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(existsSync(path.join(dir, 'meridian.lock'))).toBe(true)
    // Left empty long ago by a process that died writing it, it is taken over.
    utimesSync(path.join(dir, 'meridian.lock'), new Date(0), new Date(0))
    lockDataDir(dir).release()
  })

  it('is taken by exactly one of twenty processes started at the same instant, over a stale lock or none', async () => {
    const stale = JSON.stringify({ pid: 2 ** 22 + 19, hostname: hostname(), command: 'old', startedAt: 'x' })
    for (const [round, before] of [
      [1, null],
      [2, stale],
      [3, ''],
    ] as const) {
      const dir = mkdtempSync(path.join(tmpdir(), 'meridian-lock-'))
      if (before !== null) {
        writeFileSync(path.join(dir, 'meridian.lock'), before)
        // an empty lock left by a crash long ago
        if (before === '') utimesSync(path.join(dir, 'meridian.lock'), new Date(0), new Date(0))
      }
      const at = Date.now() + 3_000
      // Each child waits for the same instant, tries once, says how it went, and, holding the
      // lock, keeps it until every child has spoken: a lock released early would let a late one in.
      const children = Array.from({ length: 20 }, () =>
        spawn(process.execPath, [
          '--import',
          'tsx',
          '-e',
          `import('${path.resolve('src/server/db/lock.ts')}').then((m) => {
            setTimeout(() => {
              while (Date.now() < ${at}) {}
              try { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setTimeout(() => {}, 60000) }
              catch (e) { console.log(e.constructor.name) }
            }, Math.max(0, ${at} - Date.now() - 20))
          })`,
        ]),
      )
      const outcomes = await Promise.all(
        children.map((child) => {
          let out = ''
          return new Promise<string>((resolve) => {
            child.stdout.on('data', (d) => {
              out += String(d)
              if (out.includes('\n')) resolve(out.trim())
            })
            child.on('exit', () => resolve(out.trim()))
          })
        }),
      )
      for (const child of children) child.kill('SIGKILL')
      expect(
        outcomes.filter((o) => o === 'locked'),
        `round ${round}: ${outcomes.join(', ')}`,
      ).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'DataDirLockedError')).toHaveLength(19)
    }
  }, 120_000)
})
