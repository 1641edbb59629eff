import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with the checklist before departure: the student and the office read it (anyone
// else is told it does not exist); the student, or the office for them, submits items and proofs;
// the office alone verifies and rejects. The service and the page's `verifier` flag ask this table.

export const CHECKLIST_READERS: readonly Access[] = ['owner', 'office']

export const CHECKLIST_STEPS = {
  submit: { by: ['owner', 'office'], refusal: 'The student or the office submits the checklist.' },
  verify: { by: ['office'], refusal: 'The international office verifies the checklist.' },
} as const satisfies Record<string, { by: readonly Access[]; refusal: string }>

export type ChecklistStep = keyof typeof CHECKLIST_STEPS

export const readsChecklist = (access: Access) => CHECKLIST_READERS.includes(access)

export function mayTakeChecklistStep(step: ChecklistStep, access: Access): boolean {
  return (CHECKLIST_STEPS[step].by as readonly Access[]).includes(access)
}
