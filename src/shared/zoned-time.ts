// Wall-clock times in a named time zone (IANA, such as "Europe/Lisbon"), with only the platform's
// Intl: a call opens at 09:00 in its office's zone, whatever zone the officer's browser is in.

/** Whether the platform knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(zone: string) {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, f)
  }
  return f
}

/** The wall-clock time in `zone` at an instant, as "YYYY-MM-DDTHH:mm". */
export function toZoned(instant: Date, zone: string): string {
  const p = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  )
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetAt(instant: Date, zone: string): number {
  const wall = Date.parse(`${toZoned(instant, zone)}:00Z`)
  const whole = Math.floor(instant.getTime() / 60_000) * 60_000
  return (wall - whole) / 60_000
}

export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

/**
 * The instant at which the wall clock in `zone` shows `local` ("YYYY-MM-DDTHH:mm"). A time the
 * clocks skip (spring forward) is read as the same time on the clock before the change, so it
 * lands just after the gap; a time that happens twice (fall back) is the first of the two.
 */
export function fromZoned(local: string, zone: string): Date {
  const asUtc = Date.parse(`${local}:00Z`)
  // Date.parse rolls 30 February over into March; a real date reads back the same.
  if (!LOCAL_DATE_TIME.test(local) || Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 16) !== local) {
    throw new RangeError(`not a local date-time: ${local}`)
  }
  // Try the offsets in force an hour either side; the earliest one that shows `local` wins.
  const candidates = [offsetAt(new Date(asUtc - 86_400_000 / 12), zone), offsetAt(new Date(asUtc + 86_400_000 / 12), zone)]
  const fits = candidates
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => toZoned(instant, zone) === local)
    .sort((a, b) => a.getTime() - b.getTime())
  if (fits[0]) return fits[0]
  // In a gap: keep the offset from before the change.
  return new Date(asUtc - candidates[0]! * 60_000)
}

/** "UTC+01:00" for a zone at an instant, for showing beside a time. */
export function offsetLabel(instant: Date, zone: string): string {
  const minutes = offsetAt(instant, zone)
  const sign = minutes < 0 ? '−' : '+'
  const abs = Math.abs(minutes)
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
