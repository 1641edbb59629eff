import type { CallStatus } from '../../../../shared/calls.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A call's statuses and steps: published once ready, back to draft only before it opens,
// cancelled with a reason at any time and for good. Every status write of a call goes through
// `callLifecycle.take`. (A call's phase — upcoming, open, closed — is the clock's, not a status.)

export type CallStep = 'publish' | 'unpublish' | 'cancel'

const steps: Record<CallStep, StepRule<CallStatus>> = {
  publish: { from: ['draft'], to: 'published', past: 'published' },
  unpublish: { from: ['published'], to: 'draft', past: 'taken back to draft' },
  cancel: { from: ['draft', 'published'], to: 'cancelled', past: 'cancelled' },
}

/** The step that leads to a status, as the API asks for one. */
export const STEP_TO: Record<CallStatus, CallStep> = { published: 'publish', draft: 'unpublish', cancelled: 'cancel' }

export const callLifecycle = defineLifecycle({
  entity: 'call',
  noun: 'A call',
  table: 'calls',
  steps,
  stamp: () => ({ updated_at: new Date() }),
})
