import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'

/** Meridian run as a process, as `npm start` runs it (fault tests: kill -9, two processes). */
export interface ServerProcess {
  url: string
  pid: number
  /** Everything it printed, for a failing test's message. */
  output(): string
  /** Ends it at once (SIGKILL) and waits for the exit. */
  kill(): Promise<void>
  /** Ends it cleanly (SIGTERM) and waits for the exit. */
  stop(): Promise<void>
}

const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'bin/meridian.mjs')

/** A TCP port free on 127.0.0.1 just now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The environment a test's Meridian runs with: its own data directory, no demo data, quiet logs. */
export function serverEnv(dataDir: string, databaseUrl: string | undefined, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? '',
    SEED_DEMO: 'no',
    LOG_LEVEL: 'error',
    MIN_FREE_DISK_MB: '0',
    ...extra,
  }
}

/** Runs a meridian command to its end; rejects with its output when it fails. */
export function runCommand(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      out += chunk
    })
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`meridian ${args[0]} exited ${code}:\n${out}`))))
  })
}

/** Starts `meridian start` and resolves once it says it is ready. */
export async function startServerProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Meridian did not start within ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      out += chunk
      if (out.includes('Meridian is ready at')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Meridian exited with ${code} before it was ready:\n${out}`))
    })
  })
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => out,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  }
}

/** A signed-in client of a running Meridian: its cookie and CSRF token sent with every call. */
export class HttpSession {
  private constructor(
    readonly base: string,
    private cookie: string,
    private csrf: string,
  ) {}

  static async signIn(base: string, email: string, password: string): Promise<HttpSession> {
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`)
    const body = (await res.json()) as { csrfToken: string }
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    return new HttpSession(base, cookie, body.csrfToken)
  }

  /** The same session against another process serving the same data. */
  on(base: string): HttpSession {
    return new HttpSession(base, this.cookie, this.csrf)
  }

  async call(method: string, url: string, body?: unknown, timeoutMs = 15_000): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {}
    return { status: res.status, body: parsed }
  }
}
