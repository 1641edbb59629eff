import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
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
  /** Tells this taking of the lock from any other by the same process id. */
  nonce?: string
}

export interface DataDirLock {
  release(): void
}

/** How long to wait for a lock being written, or for another process's takeover. */
const SETTLE_MS = 20
const ATTEMPTS = 50
/** An unreadable lock file older than this was left by a process that died writing it. */
const UNREADABLE_STALE_MS = 10_000

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
const same = (a: LockHolder | null, b: LockHolder | null) =>
  !!a && !!b && a.pid === b.pid && a.startedAt === b.startedAt && a.nonce === b.nonce && a.hostname === b.hostname

/**
 * Takes the lock atomically: the holder's record is written whole to a file of its own, then
 * hard-linked into place, which fails if a lock is there, so nobody ever reads a half-written lock.
 * A lock whose holder is dead is removed only under a second lock (`meridian.lock.takeover`, taken
 * the same way) and after reading it again under that lock, so a live lock that replaced the dead
 * one meanwhile is never removed; then every contender races for the link again.
 */
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
    nonce: randomBytes(8).toString('hex'),
  }
  const mine = `${file}.${process.pid}.${me.nonce}`
  writeFileSync(mine, JSON.stringify(me), { mode: 0o600 })
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (tryLink(mine, file)) return holding(file, me)
      const holder = readHolder(file)
      if (holder && isAlive(holder)) throw new DataDirLockedError(dir, holder)
      // Dead, unreadable (being written by an older Meridian, or left empty by one that died
      // writing it) or just gone: remove it under the takeover lock if it is still so.
      const takeover = `${file}.takeover`
      if (!tryLink(mine, takeover)) {
        const other = readHolder(takeover)
        // A takeover takes microseconds; one left behind was left by a process that died in it.
        if ((other && !isAlive(other)) || (!other && ageMs(takeover) > UNREADABLE_STALE_MS)) rmSync(takeover, { force: true })
        sleep(SETTLE_MS)
        continue
      }
      try {
        const now = readHolder(file)
        const removable = now ? !isAlive(now) : ageMs(file) > UNREADABLE_STALE_MS
        if (removable) rmSync(file, { force: true })
        else if (!now) sleep(SETTLE_MS)
      } finally {
        rmSync(takeover, { force: true })
      }
    }
  } finally {
    rmSync(mine, { force: true })
  }
  const holder = readHolder(file)
  throw new DataDirLockedError(dir, holder ?? { pid: 0, hostname: '?', command: 'unknown', startedAt: '?' })
}

/** Links `from` to `to`; false when `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function holding(file: string, me: LockHolder): DataDirLock {
  let released = false
  const release = () => {
    if (released) return
    released = true
    try {
      if (same(readHolder(file), me)) unlinkSync(file)
    } catch {
      // already gone
    }
  }
  process.once('exit', release)
  return { release }
}

function readHolder(file: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder
    return typeof holder.pid === 'number' ? holder : null
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
