import type { LaStatus } from '../../../../shared/learning-agreements.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A learning-agreement version's statuses and steps (decision 022). Every signature is audited as
// 'sign' under the learning agreement, whichever step it takes: the student's proposes a draft,
// a coordinator's countersigns a proposal, and the third approves it. Every status write of a
// version goes through `versionLifecycle.take`; the actions the page receives ask the same table.

const steps: Record<'propose' | 'countersign' | 'approve' | 'reject', StepRule<LaStatus>> = {
  /** The student signs a complete draft. */
  propose: { from: ['draft'], to: 'proposed', past: 'signed by the student', variants: ['sign'] },
  /** A coordinator signs a proposal that waits for the other coordinator. */
  countersign: { from: ['proposed'], to: 'proposed', past: 'signed by a coordinator', variants: ['sign'] },
  /** The third signature. */
  approve: { from: ['proposed'], to: 'approved', past: 'approved', variants: ['sign'] },
  /** A coordinator turns the proposal down with a comment. */
  reject: { from: ['proposed'], to: 'rejected', past: 'rejected' },
}

export const versionLifecycle = defineLifecycle({
  entity: 'learning_agreement',
  noun: 'A learning agreement version',
  table: 'learning_agreement_versions',
  steps,
})
