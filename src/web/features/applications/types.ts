import type { z } from 'zod'
import type { ApplicationDto, ApplicationRowSchema, DocumentSchema } from '../../../shared/api/applications'
import type { ApplicationStatus, Unmet } from '../../../shared/applications'
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

// The application as the API answers it: inferred from the server's schemas (src/shared/api).
export type Application = ApplicationDto
export type ApplicantDocument = z.infer<typeof DocumentSchema>
export type Profile = ApplicationDto['profile']

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

export type ApplicationRow = z.infer<typeof ApplicationRowSchema>

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
