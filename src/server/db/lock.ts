import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

/**
 * PGlite does not stop a second process from opening the same data directory, and two
 * processes writing one directory corrupt it. So the embedded database is opened only
 * under an exclusive lock file that names its holder. See docs/decisions/004-embedded-lock.md.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${holder.pid} (${holder.command}) since ${holder.startedAt}. ` +
        'Stop that process first, or point DATABASE_URL at a PostgreSQL server.',
    )
  }
}

export interface LockHolder {
  pid: number
  hostname: string
  command: string
  startedAt: string
}

export interface DataDirLock {
  release(): void
}

export function lockDataDir(dir: string): DataDirLock {
  const file = path.join(dir, 'meridian.lock')
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ') || 'node',
    startedAt: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, JSON.stringify(me))
      closeSync(fd)
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          if (readHolder(file)?.pid === process.pid) unlinkSync(file)
        } catch {
          // already gone
        }
      }
      process.once('exit', release)
      return { release }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(file)
      if (holder && isAlive(holder)) throw new DataDirLockedError(dir, holder)
      // The holder is gone (crash, kill -9): the lock is stale and safe to take over.
      try {
        unlinkSync(file)
      } catch {
        // another process took it over first; the next attempt will tell
      }
    }
  }
  const holder = readHolder(file)
  throw new DataDirLockedError(dir, holder ?? { pid: 0, hostname: '?', command: 'unknown', startedAt: '?' })
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder
  } catch {
    return null
  }
}

function isAlive(holder: LockHolder): boolean {
  // A lock from another host (a shared volume) cannot be checked: treat it as held.
  if (holder.hostname !== hostname()) return true
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
