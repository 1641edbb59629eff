import { APPLICATION_STEPS, type ApplicationStatus, type ApplicationStep } from '../../../../shared/applications.js'
import { defineLifecycle, type StepRule } from '../../../kernel/lifecycle.js'

// An application's statuses and steps (the table is src/shared/applications.ts, which the web's
// buttons read too). Every status write of an application goes through `applicationLifecycle.take`:
// the applicant's, the office's, the allocation's offers and lapses, the host's answer.

const PAST: Record<ApplicationStep, string> = {
  start: 'started',
  submit: 'submitted',
  withdraw: 'withdrawn',
  offer: 'offered a place',
  waitlist: 'put on the waiting list',
  accept: 'accepted',
  decline: 'declined',
  lapse: 'lapsed',
  nominate: 'nominated',
  host_accept: 'accepted by the host',
  host_reject: 'rejected by the host',
  admit: 'admitted',
}

const steps = {} as Record<ApplicationStep, StepRule<ApplicationStatus>>
for (const step of Object.keys(APPLICATION_STEPS) as ApplicationStep[])
  steps[step] = { ...APPLICATION_STEPS[step], past: PAST[step] }
// The first status of a row is written by `create`, audited as the application's creation.
steps.start = { ...steps.start, creates: true, action: 'create' }

export const applicationLifecycle = defineLifecycle({
  entity: 'application',
  noun: 'An application',
  table: 'applications',
  steps,
  stamp: () => ({ updated_at: new Date() }),
})
