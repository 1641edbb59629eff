import type { LaParty } from '../../../../shared/learning-agreements.js'
import type { Access } from '../../applications/applications/applications.policy.js'

// Who may do what with a learning agreement (decision 022), in one table: the service refuses
// anyone else, and the page's actions ask the same table. Reviewers never see an agreement.

/** Who signs for whom: the applicant as the student, the call's office as the sending institution, the host as the receiving one. */
export const PARTY_OF: Partial<Record<Access, LaParty>> = { owner: 'student', office: 'sending', host: 'receiving' }

export const LA_STEPS = {
  /** The student, or the office for them, starts and drafts the agreement and opens a new version. */
  draft: { by: ['owner', 'office'] },
  /** Each of the three parties signs the open version for itself. */
  sign: { by: ['owner', 'office', 'host'] },
  /** Either coordinator rejects a proposal with a comment. */
  reject: { by: ['office', 'host'] },
} as const satisfies Record<string, { by: readonly Access[] }>

export type LaStep = keyof typeof LA_STEPS

export function mayTakeLaStep(step: LaStep, access: Access): boolean {
  return (LA_STEPS[step].by as readonly Access[]).includes(access)
}
