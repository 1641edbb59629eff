import type { z } from 'zod'
import type { ApiTokenDto, InvitationDto, SessionDto, UserDto } from '../../shared/api/accounts'
import type { AuditEventDto } from '../../shared/api/audit'
import type { HomeSettingsDto, InstitutionSchema, UnitSchema } from '../../shared/api/institutions'

// What the API answers, as the web app reads it: inferred from the schemas the server validates
// and documents its answers with (src/shared/api), never written a second time.

export type User = UserDto
export type Session = SessionDto
export type HomeInstitution = HomeSettingsDto
export type Institution = z.infer<typeof InstitutionSchema>
export type OrgUnit = z.infer<typeof UnitSchema>
export type Invitation = InvitationDto
export type AuditEvent = AuditEventDto
export type ApiToken = ApiTokenDto

/** A page of a list, as every list endpoint answers (`paged()` on the server). */
export interface Page<T> {
  /** True when there are more matches than `total` (long lists are counted only so far). */
  totalCapped?: boolean
  items: T[]
  total: number
  page: number
  pageSize: number
}
