import type { ColumnType, Generated } from 'kysely'
import type { ApplicationStatus } from '../../shared/applications.js'
import type { ChecklistDetails, ChecklistItem } from '../../shared/checklist.js'
import type { LaComponent, LaParty, LaRemoved, LaStatus } from '../../shared/learning-agreements.js'
import type { MobilityStatus, RecognitionEntry, TranscriptResult } from '../../shared/mobilities.js'
import type { SurveyStatus } from '../../shared/surveys.js'

// Kysely's view of the application tables (migration 0008). Keep in step with migrations/.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** jsonb: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>

export interface StudentProfileTable {
  user_id: string
  student_number: string | null
  year_of_study: number | null
  /** numeric: read as a string, written as a number */
  grade_average: ColumnType<string | null, number | null, number | null>
  programme: string | null
  languages: ColumnType<Record<string, string>, string | undefined, string>
  updated_at: Generated<Date>
}

export interface ApplicationTable {
  id: Generated<string>
  call_id: string
  applicant_id: string
  status: Generated<ApplicationStatus>
  profile: ColumnType<Record<string, unknown>, string | undefined, string>
  motivation: Generated<string>
  lottery: Generated<number>
  submitted_at: Timestamp | null
  withdrawn_at: Timestamp | null
  withdraw_reason: string | null
  offered_opportunity_id: string | null
  offered_choice: number | null
  offer_deadline: Timestamp | null
  answered_at: Timestamp | null
  nominated_at: Timestamp | null
  nominated_by: string | null
  host_decided_at: Timestamp | null
  host_decided_by: string | null
  host_reason: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ApplicationChoiceTable {
  application_id: string
  rank: number
  opportunity_id: string
}

export interface DocumentTable {
  id: Generated<string>
  owner_id: string
  application_id: string | null
  kind: string
  file_name: string
  mime: string
  size: number
  sha256: string
  encrypted: Generated<boolean>
  content: Buffer
  expires_on: ColumnType<string | null, string | null | undefined, string | null>
  uploaded_by: string | null
  created_at: Generated<Date>
}

export interface DocumentDeletionRequestTable {
  id: Generated<string>
  document_id: string | null
  owner_id: string
  application_id: string | null
  file_name: string
  reason: string
  requested_at: Generated<Date>
  status: Generated<'open' | 'deleted' | 'kept'>
  decided_by: string | null
  decided_at: Date | null
  keep_reason: string | null
}

export interface DocumentAccessLogTable {
  id: Generated<string>
  document_id: string
  owner_id: string
  user_id: string | null
  action: 'view' | 'download' | 'delete'
  at: Generated<Date>
}

export interface CallReviewerTable {
  call_id: string
  user_id: string
  created_at: Generated<Date>
}

export interface ReviewTable {
  application_id: string
  reviewer_id: string
  conflict: Generated<boolean>
  conflict_note: string | null
  scores: ColumnType<Record<string, number>, string | undefined, string>
  comment: string | null
  updated_at: Generated<Date>
}

export interface CallAllocationTable {
  call_id: string
  instance: ColumnType<unknown, string, string>
  assignment: ColumnType<Record<string, string | null>, string, string>
  offer_deadline: Timestamp
  published_at: Generated<Date>
  published_by: string | null
}

export interface AllocationAdjustmentTable {
  call_id: string
  application_id: string
  opportunity_id: string | null
  reason: string
  created_by: string | null
  created_at: Generated<Date>
}

export interface NotificationTable {
  id: Generated<string>
  user_id: string
  subject: string
  body: string
  link: string | null
  read_at: Timestamp | null
  created_at: Generated<Date>
}

export interface LearningAgreementTable {
  id: Generated<string>
  application_id: string
  planned_start: string
  planned_end: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface LearningAgreementVersionTable {
  id: Generated<string>
  agreement_id: string
  number: number
  status: Generated<LaStatus>
  components: Json<LaComponent[]>
  removed: Json<LaRemoved[]>
  comment: string | null
  decided_by: string | null
  created_by: string | null
  created_at: Generated<Date>
  decided_at: Date | null
}

export interface LearningAgreementSignatureTable {
  version_id: string
  party: LaParty
  user_id: string | null
  signer_name: string
  signer_position: string
  signer_email: string
  signed_at: Generated<Date>
}

/** A date without time, as 'YYYY-MM-DD' both ways. */
type DateOnly = ColumnType<string, string, string>

export interface MobilityTable {
  id: Generated<string>
  application_id: string
  status: ColumnType<Exclude<MobilityStatus, 'preparing'>, Exclude<MobilityStatus, 'preparing'> | undefined>
  arrived_on: DateOnly
  arrival_confirmed_by: string | null
  left_on: ColumnType<string | null, string | null | undefined, string | null>
  transcript: Json<TranscriptResult[]>
  transcript_by: string | null
  transcript_at: Timestamp | null
  recognition: Json<RecognitionEntry[]>
  recognised_by: string | null
  recognised_at: Timestamp | null
  evaluation: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ChecklistItemTable {
  application_id: string
  item: ChecklistItem
  status: 'submitted' | 'verified' | 'rejected'
  details: Json<ChecklistDetails[ChecklistItem]>
  expires_on: ColumnType<string | null, string | null | undefined, string | null>
  submitted_by: string | null
  submitted_at: Generated<Date>
  verified_by: ColumnType<string | null, string | null | undefined, string | null>
  verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  rejection: ColumnType<string | null, string | null | undefined, string | null>
  reminded_days: ColumnType<number | null, number | null | undefined, number | null>
}

export interface MobilityIncidentTable {
  id: Generated<string>
  application_id: string
  severity: 'info' | 'concern' | 'emergency'
  note: string
  occurred_on: DateOnly
  written_by: string | null
  written_at: Generated<Date>
}

export interface MobilitySurveyTable {
  application_id: string
  opportunity_id: string
  rating: number
  supervision: number | null
  welcome: number | null
  housing: number | null
  recommend: boolean
  review: string
  language: string
  show_name: boolean
  office_note: string | null
  status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>
  submitted_at: Timestamp
  moderated_by: ColumnType<string | null, string | null | undefined, string | null>
  moderated_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  rejection: ColumnType<string | null, string | null | undefined, string | null>
}

export interface IncomingDetailsTable {
  application_id: string
  nationality: string
  date_of_birth: DateOnly
  passport_number: string
  passport_expires_on: DateOnly
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface StaffProgrammeTable {
  application_id: string
  host_department: string
  starts_on: DateOnly
  ends_on: DateOnly
  activities: string
  teaching_hours: number | null
  status: ColumnType<'proposed' | 'approved', 'proposed' | 'approved' | undefined, 'proposed' | 'approved'>
  proposed_by: string | null
  proposed_at: Timestamp
  approved_by: ColumnType<string | null, string | null | undefined, string | null>
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

/** A partner's nomination of their student to one of our electives (migration 0020). */
export interface IncomingNominationTable {
  id: Generated<string>
  call_id: string
  opportunity_id: string
  institution_id: string
  email: string
  name: string
  nominated_by: string | null
  created_at: Generated<Date>
  application_id: string | null
  withdrawn_at: Date | null
}

export interface ApplicationTables {
  document_deletion_requests: DocumentDeletionRequestTable
  incoming_nominations: IncomingNominationTable
  staff_programmes: StaffProgrammeTable
  incoming_details: IncomingDetailsTable
  mobility_surveys: MobilitySurveyTable
  checklist_items: ChecklistItemTable
  mobility_incidents: MobilityIncidentTable
  mobilities: MobilityTable
  learning_agreements: LearningAgreementTable
  learning_agreement_versions: LearningAgreementVersionTable
  learning_agreement_signatures: LearningAgreementSignatureTable
  notifications: NotificationTable
  student_profiles: StudentProfileTable
  applications: ApplicationTable
  application_choices: ApplicationChoiceTable
  documents: DocumentTable
  document_access_log: DocumentAccessLogTable
  call_reviewers: CallReviewerTable
  reviews: ReviewTable
  call_allocations: CallAllocationTable
  allocation_adjustments: AllocationAdjustmentTable
}
