import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// A deletion request's statuses and steps (decision 034): it is asked for open, and the office
// answers it once, by deleting the document or by keeping it with a reason. Both answers go
// through `deletionRequestLifecycle.take`, audited under the application.

export type DeletionRequestStatus = 'open' | 'deleted' | 'kept'

const steps: Record<'delete' | 'keep', StepRule<DeletionRequestStatus>> = {
  /** The office deletes the document: the request stays as the record of what was asked. */
  delete: { from: ['open'], to: 'deleted', past: 'answered', action: 'answer_document_deletion' },
  /** The office keeps the document and says why. */
  keep: { from: ['open'], to: 'kept', past: 'answered', action: 'keep_document' },
}

export const deletionRequestLifecycle = defineLifecycle({
  entity: 'application',
  noun: 'A deletion request',
  table: 'document_deletion_requests',
  steps,
})
