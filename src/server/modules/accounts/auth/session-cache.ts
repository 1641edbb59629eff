import type { Authentication } from '../../../http/context.js'

/**
 * A short-lived cache of resolved sessions, so an authenticated read costs one query, not two.
 * Entries live CACHE_MS at most; this process drops a user's entries at once when their
 * sessions end or their role, scope or status changes. Another process of a multi-instance
 * install sees such a change within CACHE_MS. See docs/decisions/011-session-cache.md.
 */
const CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

interface Entry {
  auth: Authentication
  expires: number
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>()

  get(tokenHash: string, now = Date.now()): Authentication | null {
    const entry = this.entries.get(tokenHash)
    if (!entry) return null
    if (entry.expires <= now) {
      this.entries.delete(tokenHash)
      return null
    }
    return entry.auth
  }

  set(tokenHash: string, auth: Authentication, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(tokenHash, { auth, expires: now + CACHE_MS })
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.auth.actor.id === userId) this.entries.delete(key)
  }

  forgetSession(sessionId: string): void {
    for (const [key, entry] of this.entries) if (entry.auth.sessionId === sessionId) this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}

/** One cache per process: every app instance in it shares the invalidations. */
export const sessionCache = new SessionCache()
