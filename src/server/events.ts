import { Events } from './kernel/events.js'
import { startNominatedApplications } from './modules/mobility/incoming/partner-nominations.js'

/** Who listens to what (kernel/events.ts): the one place the rooms' events are wired. */
export function createEvents(): Events {
  return new Events().on('accountCreated', startNominatedApplications)
}
