import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A checklist item's statuses and steps (decision 026): the student's first submission creates it;
// a new submission (after a rejection, or to correct one) sends it back to the office, which
// verifies or rejects it; a new proof for a verified item reopens it. Every status write goes
// through `checklistLifecycle` (`create`, then `take`), audited under the application with the
// trail's verbs.

export type ChecklistItemStatus = 'submitted' | 'verified' | 'rejected'

const steps: Record<'resubmit' | 'verify' | 'reject' | 'reopen', StepRule<ChecklistItemStatus>> = {
  /** The student's submission: the first creates the item, a later one sends it back to the office. */
  resubmit: {
    from: ['submitted', 'verified', 'rejected'],
    to: 'submitted',
    past: 'submitted again',
    action: 'checklist_submit',
    creates: true,
  },
  verify: { from: ['submitted'], to: 'verified', past: 'verified', action: 'checklist_verify' },
  reject: { from: ['submitted', 'verified'], to: 'rejected', past: 'rejected', action: 'checklist_reject' },
  /** A new proof for a verified item: the office looks again. */
  reopen: { from: ['verified'], to: 'submitted', past: 'reopened', action: 'checklist_reopen' },
}

export const checklistLifecycle = defineLifecycle({
  entity: 'application',
  noun: 'A checklist item',
  table: 'checklist_items',
  key: ['application_id', 'item'],
  steps,
})
