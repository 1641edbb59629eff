import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** The real process: `meridian start` on an embedded database in a fresh directory. */
function start(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['bin/meridian.mjs', 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function ready(port: number): Promise<void> {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not become ready')
}

const exit = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  )

async function signInAndRename(port: number, name: string): Promise<void> {
  const base = `http://127.0.0.1:${port}`
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'staff@demo.meridian.test', password: 'meridian-demo' }),
  })
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  const patch = await fetch(`${base}/api/me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name }),
  })
  expect(patch.status).toBe(200)
}

async function nameOfStaff(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'staff@demo.meridian.test', password: 'meridian-demo' }),
  })
  return ((await res.json()) as { user: { name: string } }).user.name
}

describe('the server process', () => {
  it('shuts down cleanly on SIGTERM, releasing the embedded database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'meridian-proc-'))
    const child = start(dataDir, 4311)
    await ready(4311)
    expect(existsSync(path.join(dataDir, 'meridian.lock'))).toBe(true)
    const exited = exit(child)
    child.kill('SIGTERM')
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(existsSync(path.join(dataDir, 'meridian.lock'))).toBe(false)
  }, 180_000)

  it('loses no committed write when killed outright, and starts again over a stale lock', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'meridian-proc-'))
    const first = start(dataDir, 4312)
    await ready(4312)
    await signInAndRename(4312, 'Dr. Sergei Volkov, committed')
    const killed = exit(first)
    first.kill('SIGKILL')
    await killed
    const second = start(dataDir, 4312)
    try {
      await ready(4312)
      expect(await nameOfStaff(4312)).toBe('Dr. Sergei Volkov, committed')
    } finally {
      const done = exit(second)
      second.kill('SIGTERM')
      await done
    }
  }, 240_000)
})
