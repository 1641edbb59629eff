import type { z } from 'zod'
import type { AllocationDto, ExplanationDto, ReviewerDto } from '../../../shared/api/allocation'
import type { ApplicationDto, ApplicationRowSchema, DocumentSchema } from '../../../shared/api/applications'
import type { ApplicationStatus, Unmet } from '../../../shared/applications'
import type { Tone } from '../../components/ToneBadge'

export type { ApplicationStatus, Unmet }

/** A place as the explanations name it: the allocation's list of opportunities, or an application's choices. */
export type OpportunityRef = Pick<AllocationDto['opportunities'][number], 'opportunityId' | 'title' | 'host'>

// The application as the API answers it: inferred from the server's schemas (src/shared/api).
export type Application = ApplicationDto
export type ApplicantDocument = z.infer<typeof DocumentSchema>
export type Profile = ApplicationDto['profile']

// The allocation and its explanations as the API answers them (src/shared/api/allocation.ts).
export type Explanation = ExplanationDto
export type AllocationView = AllocationDto
/** A person the office may name a reviewer. */
export type Person = ReviewerDto

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
