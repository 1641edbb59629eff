import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with a staff visit's programme: the service refuses anyone else, and the page's
// actions ask the same table. Reviewers never reach it (the service answers "not found").

export const PROGRAMME_STEPS = {
  /** The visitor or the office proposes it, and changes it before the visit begins. */
  propose: { by: ['owner', 'office'], refusal: 'The visitor or the office proposes the programme.' },
  /** The office approves it. */
  approve: { by: ['office'], refusal: 'The office approves the programme.' },
} as const satisfies Record<string, { by: readonly Access[]; refusal: string }>

export type ProgrammeStep = keyof typeof PROGRAMME_STEPS

export function mayTakeProgrammeStep(step: ProgrammeStep, access: Access): boolean {
  return (PROGRAMME_STEPS[step].by as readonly Access[]).includes(access)
}
