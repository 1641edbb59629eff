import type { Role } from '../../shared/roles'

export interface User {
  id: string
  email: string
  name: string
  role: Role
  orgUnitId: string | null
  orgUnitName: string | null
  institutionId: string | null
  institutionName: string | null
  locale: string
  active: boolean
  lastSignInAt: string | null
  dailyDigest: boolean
  createdAt: string
}

export interface Session {
  user: User | null
  csrfToken: string | null
}

export interface Page<T> {
  /** True when there are more matches than `total` (long lists are counted only so far). */
  totalCapped?: boolean
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface HomeInstitution {
  id: string
  name: string
  kind: string
  country: string
  city: string | null
  website: string | null
  erasmusCode: string | null
  schacId: string | null
  rorId: string | null
  isHome: boolean
  languages: string[]
  defaultLanguage: string
  hasLogo: boolean
  updatedAt: string
  demoAccounts?: boolean
}

export interface Institution {
  id: string
  name: string
  kind: string
  country: string
  city: string | null
  isHome: boolean
}

export interface OrgUnit {
  id: string
  name: string
  code: string | null
}

export interface Invitation {
  id: string
  email: string
  name: string | null
  role: Role
  orgUnitId: string | null
  institutionId: string | null
  invitedBy: string | null
  expiresAt: string
  createdAt: string
}

export interface AuditEvent {
  id: string
  occurredAt: string
  actorId: string | null
  actor: string
  entityType: string
  entityId: string
  action: string
  before: unknown
  after: unknown
  requestId: string | null
}

export interface ApiToken {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string
}
