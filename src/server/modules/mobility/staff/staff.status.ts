import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A staff visit's programme (decision 030): proposed by the visitor or the office, approved by the
// office; proposing again (until the visit begins) sends it back for approval. The first proposal
// creates the row (`programmeLifecycle.create`); every later status write goes through `take`,
// audited under the application.

export type ProgrammeStatus = 'proposed' | 'approved'

const steps: Record<'propose' | 'approve', StepRule<ProgrammeStatus>> = {
  propose: { from: ['proposed', 'approved'], to: 'proposed', past: 'proposed again', action: 'staff_programme', creates: true },
  approve: { from: ['proposed'], to: 'approved', past: 'approved', action: 'staff_programme_approve' },
}

export const programmeLifecycle = defineLifecycle({
  entity: 'application',
  noun: 'A programme',
  table: 'staff_programmes',
  key: ['application_id'],
  steps,
})
