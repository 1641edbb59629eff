import { RENEWABLE, TRANSITIONS } from '../../../../shared/agreements.js'
import { defineLifecycle } from '../../../kernel/lifecycle.js'

// An agreement's statuses and steps. The steps people take are src/shared/agreements.ts's
// TRANSITIONS (the web and `possibleActions` read them, with the reasons a step is blocked now);
// renewal and the daily job's date-driven steps complete the table. Every status write of an
// agreement goes through `agreementLifecycle.take`.

export const agreementLifecycle = defineLifecycle({
  entity: 'agreement',
  noun: 'An agreement',
  table: 'agreements',
  steps: {
    negotiate: { ...TRANSITIONS.negotiate, past: 'put to negotiation' },
    reopen: { ...TRANSITIONS.reopen, past: 'reopened as a draft' },
    sign: { ...TRANSITIONS.sign, past: 'signed' },
    activate: { ...TRANSITIONS.activate, past: 'activated' },
    terminate: { ...TRANSITIONS.terminate, past: 'terminated' },
    renew: { from: RENEWABLE, to: 'renewed', past: 'renewed' },
    /** The daily job: its end is within the reminder window. */
    mark_expiring: { from: ['active'], to: 'expiring', past: 'marked as expiring' },
    /** The daily job: its end date has passed. */
    expire: { from: ['signed', 'active', 'expiring'], to: 'expired', past: 'expired' },
  },
  stamp: () => {
    const now = new Date()
    return { status_changed_at: now, updated_at: now }
  },
})
