import type { ApplicationStatus, DocumentDeletionRequest, Unmet } from '../../../shared/applications'
import type { Tone } from '../../components/ToneBadge'

export type { ApplicationStatus, Unmet }

export interface OpportunityRef {
  opportunityId: string
  kind: string
  /** Hosted by us: admitted rather than nominated. */
  incoming: boolean
  title: Record<string, string>
  host: { name: string; country: string }
}

export interface ApplicantDocument {
  id: string
  kind: string
  fileName: string
  mime: string
  size: number
  special: boolean
  expiresOn: string | null
  createdAt: string
  /** The person's latest request that the office delete it (the person and the office only). */
  deletionRequest: DocumentDeletionRequest | null
}

export interface Profile {
  studentNumber: string | null
  yearOfStudy: number | null
  programme: string | null
  gradeAverage: number | null
  languages: Record<string, string>
}

export interface Application {
  id: string
  status: ApplicationStatus
  call: {
    id: string
    title: Record<string, string>
    academicYear: string
    timeZone: string
    audience: 'outgoing_students' | 'incoming_students' | 'staff'
    closesAt: string
    phase: 'upcoming' | 'open' | 'closed'
    maxChoices: number
    requiredDocuments: string[]
  }
  applicant: { id: string; name: string; email: string }
  profile: Profile
  motivation: string
  choices: (OpportunityRef & { rank: number; unmet: Unmet[] })[]
  documents: ApplicantDocument[]
  missingDocuments: string[]
  offer: (OpportunityRef & { choice: number; deadline: string | null }) | null
  submittedAt: string | null
  withdrawnAt: string | null
  withdrawReason: string | null
  nominatedAt: string | null
  hostDecidedAt: string | null
  hostReason: string | null
  updatedAt: string
}

export type Explanation =
  | { opportunityId: string; reason: 'not_eligible'; unmet?: Unmet[] }
  | { opportunityId: string; reason: 'not_offered' | 'adjusted' }
  | { opportunityId: string; reason: 'full'; lastAdmittedScore?: number | null; score?: number }

export const STATUS_TONES: Record<ApplicationStatus, Tone> = {
  draft: 'gray',
  submitted: 'blue',
  offered: 'grape',
  waitlisted: 'teal',
  accepted: 'green',
  declined: 'red',
  nominated: 'blue',
  host_accepted: 'green',
  host_rejected: 'red',
  withdrawn: 'red',
}

export interface ApplicationRow {
  id: string
  status: ApplicationStatus
  applicant: { id: string; name: string; email: string }
  yearOfStudy: number | null
  programme: string | null
  gradeAverage: number | null
  choices: number
  reviews: number
  score: number | null
  offeredOpportunityId: string | null
  submittedAt: string | null
}

export interface AllocationView {
  callId: string
  phase: 'upcoming' | 'open' | 'closed'
  published: { at: string; offerDeadline: string } | null
  unscored: number
  stats: {
    applicants: number
    placed: number
    unplaced: number
    byChoice: number[]
    places: number
    placesLeft: number
    perOpportunity: { opportunityId: string; capacity: number; admitted: number }[]
  }
  opportunities: OpportunityRef[]
  rows: {
    applicationId: string
    name: string
    status: ApplicationStatus
    score: number | null
    assigned: string | null
    choice: number | null
    adjustment: { opportunityId: string | null; reason: string } | null
    explanations: Explanation[]
  }[]
  problems: { applicant: string | null; opportunity: string; problem: string; admitted?: number; capacity?: number }[]
  blockingPairs: { applicant: string; opportunity: string; instead: string | null }[]
}

export interface Person {
  id: string
  name: string
  email: string
  role: string
}
