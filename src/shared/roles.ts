/** The roles of Meridian. One role per account; coordinator and partner carry a scope. */
export const ROLES = ['admin', 'officer', 'coordinator', 'reviewer', 'student', 'staff', 'partner'] as const
export type Role = (typeof ROLES)[number]

/** Roles that work for the home institution's international office. */
export const OFFICE_ROLES: readonly Role[] = ['admin', 'officer']

/** A coordinator is scoped to an organisational unit, a partner coordinator to a partner institution. */
export function scopeOf(role: Role): 'orgUnit' | 'institution' | null {
  if (role === 'coordinator') return 'orgUnit'
  if (role === 'partner') return 'institution'
  return null
}
