// The time every rule reads. Services take it from their dependencies (`deps.clock`) so that tests and
// browser journeys can move it forward — past a call's closing, an offer's deadline — instead of waiting.

export interface Clock {
  now(): Date
}

/** The machine's time. */
export const systemClock: Clock = { now: () => new Date() }

/** A clock that runs with the machine's but can be moved forward; the test route and the unit tests use it. */
export class MovableClock implements Clock {
  private offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }

  /** Moves the clock forward (a negative amount moves it back), returning the new time. */
  advance(ms: number): Date {
    this.offsetMs += ms
    return this.now()
  }

  /** Back to the machine's time. */
  reset(): void {
    this.offsetMs = 0
  }
}
