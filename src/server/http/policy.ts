import type { Role } from '../../shared/roles.js'

/**
 * Every route declares who may call it. The declaration is checked before validation and
 * before the handler runs; ownership (a student's own application, a coordinator's own unit)
 * is checked again by the service, which knows the record.
 */
export type Policy = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: readonly Role[] }

export const Public: Policy = { kind: 'public' }
export const SignedIn: Policy = { kind: 'signed-in' }
export function rolesOnly(...roles: Role[]): Policy {
  return { kind: 'roles', roles }
}
export const AdminOnly = rolesOnly('admin')

export type PolicyOutcome = 'allowed' | 'unauthenticated' | 'forbidden'

export function evaluatePolicy(policy: Policy, role: Role | null): PolicyOutcome {
  if (policy.kind === 'public') return 'allowed'
  if (role === null) return 'unauthenticated'
  if (policy.kind === 'signed-in') return 'allowed'
  return policy.roles.includes(role) ? 'allowed' : 'forbidden'
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy
  }
}
