import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Role } from '../../shared/roles.js'

/** Kysely's view of the tables. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | undefined, string>

export interface InstitutionTable {
  id: Generated<string>
  name: string
  kind: 'university' | 'hospital' | 'research_institute' | 'ngo' | 'international_organisation' | 'other'
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
  created_at: Generated<Date>
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
  last_sign_in_at: Timestamp | null
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
  expires_at: Timestamp | null
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

export interface DB {
  institutions: InstitutionTable
  org_units: OrgUnitTable
  users: UserTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  password_resets: PasswordResetTable
  invitations: InvitationTable
  sign_in_attempts: SignInAttemptTable
  audit_events: AuditEventTable
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type InstitutionRow = Selectable<InstitutionTable>
export type AuditEventRow = Selectable<AuditEventTable>
