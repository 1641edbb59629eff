import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with a mobility, in one table: the service refuses a step to anyone not listed
// before it checks anything else, and the page's actions ask the same table (with the lifecycle's
// own `can`), so what a person is offered and what they are allowed cannot differ. The route
// guard's role sets come first (mobility.routes.ts): any signed-in person reaches these checks,
// and a reviewer is told the mobility does not exist.

export const MOBILITY_STEPS = {
  /** The arrival: the student, the office or the host confirms it. */
  arrive: { by: ['owner', 'office', 'host'], what: 'The arrival' },
  /** The host's transcript of records, which ends a study stay; the office may enter it for the host. */
  transcript: { by: ['office', 'host'], what: 'The transcript of records' },
  /** The end of an outgoing staff visit, with the host's certificate. */
  visitEnd: { by: ['owner', 'office', 'host'], what: 'The end of the visit' },
  /** The recognition of table B: the home office alone. */
  recognise: { by: ['office'], what: 'The recognition' },
} as const satisfies Record<string, { by: readonly Access[]; what: string }>

export type MobilityStep = keyof typeof MOBILITY_STEPS

export function mayTake(step: MobilityStep, access: Access): boolean {
  return (MOBILITY_STEPS[step].by as readonly Access[]).includes(access)
}

/** What else the mobility's page shows, by who reads it. */
export const MOBILITY_SEES = {
  checklist: (access: Access) => access === 'owner' || access === 'office',
  incidents: (access: Access) => access === 'office',
  survey: (access: Access) => access === 'owner' || access === 'office',
}
