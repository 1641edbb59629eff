import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with a stay we host: the visitor and the office read it (anyone else is told the
// application does not exist); the office admits and confirms the departure; either gives the visa
// details. The service refuses from this table and the page's actions ask it.

export const INCOMING_READERS: readonly Access[] = ['owner', 'office']

export const INCOMING_STEPS = {
  admit: { by: ['office'], refusal: 'The office admits incoming students.' },
  visaDetails: { by: ['owner', 'office'], refusal: 'The visitor or the office gives the visa details.' },
  depart: { by: ['office'], refusal: 'The office confirms the end of the stay.' },
} as const satisfies Record<string, { by: readonly Access[]; refusal: string }>

export type IncomingStep = keyof typeof INCOMING_STEPS

export const readsIncoming = (access: Access) => INCOMING_READERS.includes(access)

export function mayTakeIncomingStep(step: IncomingStep, access: Access): boolean {
  return (INCOMING_STEPS[step].by as readonly Access[]).includes(access)
}
