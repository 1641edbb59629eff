// Calendar dates as 'YYYY-MM-DD' in UTC, as the database keeps them; every room counts days with these.

/** Today's date in UTC, from `now` (tests and jobs pass their own). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** The date `days` after (or before, when negative) a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
