import { statfs } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import type { Env } from '../env.js'
import { AppError, AppErrorCode } from './errors.js'

// The embedded database can hang, not fail, when its disk fills during a write-ahead-log write.
// So writes are refused before that happens: while the data directory's disk has less free space
// than MIN_FREE_DISK_MB, every write answers 503 at once, reads go on, and /api/health says why.

export interface DiskState {
  freeMb: number | null
  minFreeMb: number
  writable: boolean
}

const CHECK_EVERY_MS = 2_000

export class DiskGuard {
  private state: DiskState
  private checkedAt = 0
  private checking: Promise<void> | null = null

  constructor(
    private readonly dir: string,
    minFreeMb: number,
  ) {
    this.state = { freeMb: null, minFreeMb: minFreeMb, writable: true }
  }

  /** The state, read again when the last reading is older than a couple of seconds. */
  async current(): Promise<DiskState> {
    if (Date.now() - this.checkedAt > CHECK_EVERY_MS) {
      this.checking ??= this.read().finally(() => {
        this.checking = null
      })
      await this.checking
    }
    return this.state
  }

  private async read() {
    try {
      const fs = await statfs(this.dir)
      const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024)
      this.state = { ...this.state, freeMb, writable: freeMb >= this.state.minFreeMb }
    } catch {
      // A disk that cannot be asked is not refused for that: the write will tell.
      this.state = { ...this.state, freeMb: null, writable: true }
    }
    this.checkedAt = Date.now()
  }
}

const guards = new Map<string, DiskGuard>()

/** The guard of a data directory (one per process and directory). */
export function diskGuard(env: Pick<Env, 'dataDir' | 'MIN_FREE_DISK_MB'>): DiskGuard {
  const key = `${env.dataDir}:${env.MIN_FREE_DISK_MB}`
  let guard = guards.get(key)
  if (!guard) {
    guard = new DiskGuard(env.dataDir, env.MIN_FREE_DISK_MB)
    guards.set(key, guard)
  }
  return guard
}

export function registerDiskGuard(app: FastifyInstance, env: Pick<Env, 'dataDir' | 'MIN_FREE_DISK_MB'>) {
  const guard = diskGuard(env)
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return
    const disk = await guard.current()
    if (!disk.writable)
      throw new AppError(
        AppErrorCode.UNAVAILABLE,
        `The server's disk is nearly full (${disk.freeMb} MB free, at least ${disk.minFreeMb} MB needed), so nothing can be saved now; reading still works. Ask the administrator to free space.`,
      )
  })
}
