// Calls for applications (issue 4): who a call is for, its states, and the documents it can ask for.
import type { MobilityType } from './agreements.js'
import type { OpportunityKind } from './opportunities.js'

export const CALL_AUDIENCES = ['outgoing_students', 'incoming_students', 'staff'] as const
export type CallAudience = (typeof CALL_AUDIENCES)[number]

/** Draft calls are the office's; published ones are public; a cancelled call stays visible as such. */
export const CALL_STATUSES = ['draft', 'published', 'cancelled'] as const
export type CallStatus = (typeof CALL_STATUSES)[number]

/** Where a published call stands, from its opening and closing times. */
export const CALL_PHASES = ['upcoming', 'open', 'closed'] as const
export type CallPhase = (typeof CALL_PHASES)[number]

export function callPhase(opensAt: string | Date, closesAt: string | Date, now: Date = new Date()): CallPhase {
  if (now < new Date(opensAt)) return 'upcoming'
  return now < new Date(closesAt) ? 'open' : 'closed'
}

/** What an applicant may have to upload. */
export const DOCUMENT_KINDS = [
  'transcript',
  'language_certificate',
  'cv',
  'motivation_letter',
  'recommendation_letter',
  'passport',
  'immunisation_record',
  'insurance',
  'dean_letter',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

const STAFF_KINDS: readonly OpportunityKind[] = ['staff_teaching', 'staff_training', 'guest_lecture']

/** Which opportunities a call for this audience can offer. */
export function fitsAudience(audience: CallAudience, kind: OpportunityKind, direction: 'outgoing' | 'incoming'): boolean {
  if (audience === 'staff') return STAFF_KINDS.includes(kind)
  if (STAFF_KINDS.includes(kind)) return false
  return direction === (audience === 'outgoing_students' ? 'outgoing' : 'incoming')
}

/** The EWP mobility type whose quota in an agreement pays for places in an opportunity of this kind. */
export const MOBILITY_TYPE_OF: Record<OpportunityKind, MobilityType> = {
  exchange_semester: 'student_studies',
  joint_program: 'student_studies',
  summer_school: 'student_studies',
  clinical_elective: 'student_traineeship',
  research_internship: 'student_traineeship',
  observership: 'student_traineeship',
  staff_teaching: 'staff_teaching',
  guest_lecture: 'staff_teaching',
  staff_training: 'staff_training',
}
