import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AgreementKind, AgreementStatus, FileKind, MobilityType } from '../../shared/agreements.js'
import type { CallAudience, CallStatus } from '../../shared/calls.js'
import type { InstitutionKind } from '../../shared/identifiers.js'
import type { Direction, OpportunityKind, OpportunityStatus } from '../../shared/opportunities.js'
import type { Role } from '../../shared/roles.js'
import type { ApplicationTables } from './schema-applications.js'

/** Kysely's view of the tables. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | undefined, string>

export interface InstitutionTable {
  id: Generated<string>
  name: string
  kind: InstitutionKind
  country: string
  city: string | null
  website: string | null
  erasmus_code: string | null
  schac_id: string | null
  ror_id: string | null
  is_home: Generated<boolean>
  languages: ColumnType<string[], string[] | undefined, string[]>
  default_language: Generated<string>
  logo: Buffer | null
  logo_mime: string | null
  tags: ColumnType<string[], string[] | undefined, string[]>
  notes: string | null
  name_key: Generated<string>
  search: ColumnType<string, unknown, unknown>
  merged_into: string | null
  /** Kept by triggers (migration 0004): all agreements, those in force, and the earliest end of those. */
  agreements_total: Generated<number>
  agreements_in_force: Generated<number>
  next_end_date: ColumnType<DateOnly | null, never, never>
  /** The transaction that last wrote the row, set by a trigger (migration 0012): what a list index has yet to read. */
  row_txid: ColumnType<string, never, never>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface InstitutionContactTable {
  id: Generated<string>
  institution_id: string
  position: Generated<number>
  name: string
  role: string | null
  email: string | null
  phone: string | null
  created_at: Generated<Date>
}

/** A date without time, as 'YYYY-MM-DD' both ways (the pg type parser for date is set to keep the text). */
type DateOnly = ColumnType<string, string, string>

/** One party of an agreement as its list item shows it (agreements.party_summary). */
export interface PartySummary {
  institutionId: string
  name: string
  country: string
  isHome: boolean
  orgUnitId: string | null
  orgUnitName: string | null
}

export interface AgreementTable {
  id: Generated<string>
  reference: string
  title: string
  kind: AgreementKind
  status: Generated<AgreementStatus>
  start_date: DateOnly | null
  end_date: DateOnly | null
  responsible_id: string | null
  predecessor_id: string | null
  termination_reason: string | null
  status_changed_at: Generated<Date>
  notes: string | null
  search: ColumnType<string, unknown, unknown>
  partner_countries: ColumnType<string[], string[] | undefined, string[]>
  mobility_types: ColumnType<string[], string[] | undefined, string[]>
  isced_prefixes: ColumnType<string[], string[] | undefined, string[]>
  /** The parties as the list shows them, and the mobilities per year of all conditions (reindexAgreements). */
  party_summary: ColumnType<PartySummary[], string | undefined, string>
  places_per_year: number | null
  row_txid: ColumnType<string, never, never>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface OpportunityLanguage {
  language: string
  minLevel: string | null
}

export interface OpportunityTable {
  id: Generated<string>
  kind: OpportunityKind
  direction: Direction
  status: Generated<OpportunityStatus>
  host_institution_id: string
  agreement_id: string | null
  org_unit_id: string | null
  title: ColumnType<Record<string, string>, string, string>
  description: ColumnType<Record<string, string>, string | undefined, string>
  isced: string | null
  specialty: string | null
  department: string | null
  languages: ColumnType<OpportunityLanguage[], string | undefined, string>
  language_preparation: string | null
  clinical_practice: Generated<boolean>
  clinical_hours_per_week: number | null
  duration_weeks: number | null
  years_of_study: ColumnType<number[], number[] | undefined, number[]>
  /** numeric: read as a string, written as a number */
  min_grade: ColumnType<string | null, number | null, number | null>
  prerequisites: string | null
  requirements: ColumnType<string[], string[] | undefined, string[]>
  fee_amount: ColumnType<string | null, number | null, number | null>
  fee_currency: string | null
  funding: string | null
  housing: string | null
  application_deadline: DateOnly | null
  contact_name: string | null
  contact_email: string | null
  published_at: Date | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface OpportunityBlockTable {
  id: Generated<string>
  opportunity_id: string
  position: Generated<number>
  label: string | null
  starts_on: DateOnly
  ends_on: DateOnly
  capacity: number
}

export interface OpportunityFavouriteTable {
  user_id: string
  opportunity_id: string
  created_at: Generated<Date>
}

export interface CallTable {
  id: Generated<string>
  status: Generated<CallStatus>
  title: ColumnType<Record<string, string>, string, string>
  description: ColumnType<Record<string, string>, string | undefined, string>
  academic_year: string
  audience: CallAudience
  org_unit_id: string | null
  opens_at: Date
  closes_at: Date
  time_zone: string
  max_choices: number
  eligibility: ColumnType<CallEligibility, string | undefined, string>
  required_documents: ColumnType<string[], string[] | undefined, string[]>
  criteria: ColumnType<CallCriterion[], string | undefined, string>
  cancel_reason: string | null
  published_at: Date | null
  opening_announced_at: Date | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface CallEligibility {
  yearsOfStudy?: number[]
  minGrade?: number | null
  programmes?: string[]
  notes?: string | null
}

export interface CallCriterion {
  key: string
  label: string
  weight: number
}

export interface CallOfferTable {
  call_id: string
  opportunity_id: string
  position: Generated<number>
  places: number
  suggested_places: number | null
  places_taken: Generated<number>
}

export interface OpportunityAlertTable {
  user_id: string
  opportunity_id: string
  created_at: Generated<Date>
}

export interface AgreementPartyTable {
  agreement_id: string
  institution_id: string
  org_unit_id: string | null
  position: Generated<number>
}

export interface AgreementConditionTable {
  id: Generated<string>
  agreement_id: string
  position: Generated<number>
  mobility_type: MobilityType
  sending_institution_id: string
  sending_unit_id: string | null
  receiving_institution_id: string
  receiving_unit_id: string | null
  academic_year_from: string
  academic_year_to: string
  mobilities_per_year: number | null
  total_months_per_year: ColumnType<string | null, number | null, number | null>
  total_days_per_year: number | null
  subject_areas: ColumnType<{ isced: string; clarification: string | null }[], string, string>
  eqf_levels: ColumnType<number[], number[] | undefined, number[]>
  language_skills: ColumnType<{ language: string; cefr: string; isced: string | null }[], string, string>
  blended: Generated<boolean>
  other_terms: string | null
}

export interface AgreementSignatoryTable {
  id: Generated<string>
  agreement_id: string
  institution_id: string
  name: string
  position: string | null
  signed_on: DateOnly | null
  created_at: Generated<Date>
}

export interface AgreementFileTable {
  id: Generated<string>
  agreement_id: string
  kind: FileKind
  file_name: string
  mime: string
  size: number
  sha256: string
  version: number
  content: Buffer
  uploaded_by: string | null
  uploaded_at: Generated<Date>
}

export interface AgreementCommentTable {
  id: Generated<string>
  agreement_id: string
  author_id: string | null
  body: string
  created_at: Generated<Date>
}

export interface AgreementReminderTable {
  agreement_id: string
  end_date: DateOnly
  days: number
  sent_at: Generated<Date>
}

export interface DigestSentTable {
  user_id: string
  sent_on: string
  tasks: number
}

export interface AppSettingTable {
  key: string
  value: Json
  updated_at: Generated<Date>
}

export interface ImportUploadTable {
  id: Generated<string>
  user_id: string
  kind: string
  file_name: string
  content: Buffer
  created_at: Generated<Date>
  committed_at: Timestamp | null
}

export interface ImportMappingTable {
  kind: string
  header_key: string
  mapping: Json
  updated_at: Generated<Date>
}

export interface OrgUnitTable {
  id: Generated<string>
  institution_id: string
  name: string
  code: string | null
  created_at: Generated<Date>
}

export interface UserTable {
  id: Generated<string>
  email: string
  name: string
  role: Role
  org_unit_id: string | null
  institution_id: string | null
  password_hash: string | null
  locale: Generated<string>
  active: Generated<boolean>
  daily_digest: Generated<boolean>
  last_sign_in_at: Timestamp | null
  row_txid: ColumnType<string, never, never>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface SessionTable {
  id: Generated<string>
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: Generated<Date>
  last_seen_at: Timestamp
  expires_at: Timestamp
  ip: string | null
  user_agent: string | null
}

export interface ApiTokenTable {
  id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  prefix: string
  created_at: Generated<Date>
  last_used_at: Timestamp | null
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export interface PasswordResetTable {
  id: Generated<string>
  user_id: string
  token_hash: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Generated<Date>
}

export interface InvitationTable {
  id: Generated<string>
  email: string
  name: string | null
  role: Role
  org_unit_id: string | null
  institution_id: string | null
  token_hash: string
  invited_by: string | null
  expires_at: Timestamp
  accepted_at: Timestamp | null
  revoked_at: Timestamp | null
  created_at: Generated<Date>
}

export interface SignInAttemptTable {
  id: Generated<string>
  occurred_at: Generated<Date>
  kind: 'sign_in' | 'password_reset'
  email_hash: string
  user_id: string | null
  ip: string
  outcome: string
}

export interface AuditEventTable {
  id: Generated<string>
  occurred_at: Generated<Date>
  actor_id: string | null
  actor_label: string
  entity_type: string
  entity_id: string
  action: string
  before: Json | null
  after: Json | null
  request_id: string | null
}

/** A deleted institution or agreement, until every list index has read it (migration 0012). */
export interface RegistryRemovedTable {
  kind: 'institution' | 'agreement'
  id: string
  row_txid: ColumnType<string, never, never>
  removed_at: Generated<Date>
}

/** An admin's version of one mail template in one language (migration 0019). */
export interface MailTemplateTable {
  key: string
  locale: string
  subject: string
  body: string
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface DB extends ApplicationTables {
  institutions: InstitutionTable
  registry_removed: RegistryRemovedTable
  org_units: OrgUnitTable
  users: UserTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  password_resets: PasswordResetTable
  invitations: InvitationTable
  sign_in_attempts: SignInAttemptTable
  audit_events: AuditEventTable
  institution_contacts: InstitutionContactTable
  agreements: AgreementTable
  opportunities: OpportunityTable
  opportunity_blocks: OpportunityBlockTable
  opportunity_favourites: OpportunityFavouriteTable
  opportunity_alerts: OpportunityAlertTable
  calls: CallTable
  call_offers: CallOfferTable
  agreement_parties: AgreementPartyTable
  agreement_conditions: AgreementConditionTable
  agreement_signatories: AgreementSignatoryTable
  agreement_files: AgreementFileTable
  agreement_comments: AgreementCommentTable
  agreement_reminders: AgreementReminderTable
  app_settings: AppSettingTable
  digests_sent: DigestSentTable
  mail_templates: MailTemplateTable
  import_uploads: ImportUploadTable
  import_mappings: ImportMappingTable
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type InstitutionRow = Selectable<InstitutionTable>
export type AuditEventRow = Selectable<AuditEventTable>
export type AgreementRow = Selectable<AgreementTable>
export type AgreementConditionRow = Selectable<AgreementConditionTable>
