import { rolesOnly } from '../http/policy.js'

// The role sets routes declare, named once (the reviewed matrix, http/policy.matrix.snapshot.txt,
// lists who may call what). Ownership inside a set (a coordinator's own unit, a partner's own
// institution) is checked by the services; see coordinatorScope.

/** The international office: admins, officers and faculty coordinators (for their unit). */
export const OFFICE = rolesOnly('admin', 'officer', 'coordinator')
/** Admins and officers: who change the registry and the office's settings. */
export const OFFICERS = rolesOnly('admin', 'officer')
/** Who read the partner registry: the office and partner coordinators (their own institution). */
export const REGISTRY_READERS = rolesOnly('admin', 'officer', 'coordinator', 'partner')
/** Partner coordinators: staff of a partner institution, who see and act for that institution only. */
export const PARTNERS = rolesOnly('partner')
/** Who apply: students and staff of the home university (their own applications only). */
export const APPLICANTS = rolesOnly('student', 'staff')
/** Who review applications: named reviewers (the ones they were given) and the office. */
export const REVIEWERS = rolesOnly('reviewer', 'officer', 'admin', 'coordinator')
