import type { OpportunityStatus } from '../../../../shared/opportunities.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// An opportunity's statuses and steps: published (in the public catalog) once ready, back to
// draft, or archived (out of the catalog and of new calls) — each from either of the others.
// Every status write of an opportunity goes through `opportunityLifecycle.take`.

export type OpportunityStep = 'publish' | 'unpublish' | 'archive'

const steps: Record<OpportunityStep, StepRule<OpportunityStatus>> = {
  publish: { from: ['draft', 'archived'], to: 'published', past: 'published' },
  unpublish: { from: ['published', 'archived'], to: 'draft', past: 'taken back to draft' },
  archive: { from: ['draft', 'published'], to: 'archived', past: 'archived' },
}

/** The step that leads to a status, as the API asks for one. */
export const STEP_TO: Record<OpportunityStatus, OpportunityStep> = {
  published: 'publish',
  draft: 'unpublish',
  archived: 'archive',
}

export const opportunityLifecycle = defineLifecycle({
  entity: 'opportunity',
  noun: 'An opportunity',
  table: 'opportunities',
  steps,
  stamp: () => ({ updated_at: new Date() }),
})
