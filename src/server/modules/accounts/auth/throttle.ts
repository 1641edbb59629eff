import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import { failedAttempts, insertPendingAttempt, lockSignInKeys, settleAttempt } from './sessions.repository.js'

// How password guesses are slowed (issue 18, point 7; decision 036). Nothing here refuses the
// right password for good: after a few free failures each further guess waits a delay that doubles
// (1 s, 2 s, 4 s … at most 15 minutes), counted three ways:
// - per address and account pair: 5 free failures;
// - per account, from any address: 10 free — but an address the account has signed in from
//   before is exempt, so a stranger's guesses cannot lock the owner out at their usual desk;
// - per address, over all accounts: 100 free — the same exemption, so one guesser behind a
//   university's address does not refuse everyone behind it.
// A refused guess is not checked and does not count, so refusals never lengthen the wait.
// The check and the reservation of a guess are one step under advisory locks on the account and
// the address: 40 guesses at once check 5 passwords, not 40.

export const ATTEMPT_WINDOW_MINUTES = 15
export const FREE_FAILURES = { pair: 5, account: 10, address: 100 } as const
export const MAX_DELAY_SECONDS = 15 * 60
/** An address the account signed in from within this many days is the account's own. */
export const KNOWN_ADDRESS_DAYS = 90
/** A reserved guess whose outcome was never written (the process died) stops counting after this. */
const PENDING_SECONDS = 60

/** Seconds to wait after `failures` failures, the last at `last`, with `free` free; 0 when none. */
export function delayAfter(failures: number, free: number, last: Date | null, now: Date): number {
  if (failures < free || !last) return 0
  const delay = Math.min(2 ** (failures - free), MAX_DELAY_SECONDS)
  return Math.max(0, Math.ceil((last.getTime() + delay * 1000 - now.getTime()) / 1000))
}

export type Reservation = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number }

/**
 * Reserves one password check for this account from this address, or says how long to wait.
 * The reservation is a 'pending' attempt, counted as a failure until `settle` writes its outcome.
 */
export async function reserveGuess(
  db: Kysely<DB>,
  a: { emailHash: string; ip: string; userId: string | null },
  now: Date,
): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    // Account first, then address: every caller takes them in this order, so none deadlock.
    await lockSignInKeys(trx, a.emailHash, a.ip)
    const r = await failedAttempts(trx, a, {
      since: new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000),
      pendingSince: new Date(now.getTime() - PENDING_SECONDS * 1000),
      knownSince: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000),
    })
    const at = (d: Date | null) => (d ? new Date(d) : null)
    const waits = [delayAfter(r.pair, FREE_FAILURES.pair, at(r.pair_last), now)]
    if (!r.known) {
      waits.push(delayAfter(r.account, FREE_FAILURES.account, at(r.account_last), now))
      waits.push(delayAfter(r.address, FREE_FAILURES.address, at(r.address_last), now))
    }
    const wait = Math.max(...waits)
    if (wait > 0) return { ok: false, retryAfterSeconds: wait }
    return { ok: true, attemptId: await insertPendingAttempt(trx, { ...a, at: now }) }
  })
}

/** Writes the outcome of a reserved guess. */
export async function settleGuess(db: Kysely<DB>, attemptId: string, outcome: string, userId: string | null) {
  await settleAttempt(db, attemptId, outcome, userId)
}
