import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { ApplicationTable } from '../../../db/schema-applications.js'
import type { Actor } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { actsForUnit } from '../../../kernel/scope.js'
import { applicationWithCall, callRow, hostOf, reviewerStanding } from './applications.repository.js'
import type { ApplicationDto } from './applications.schema.js'

// Who may see an application: the applicant; the office (a coordinator only in their unit's
// calls); a reviewer of its call once it is submitted, unless they declared a conflict with it;
// the host's partner coordinators once the applicant is nominated to them. Anyone else is told
// it does not exist.

export type Access = 'owner' | 'office' | 'reviewer' | 'host'

/** States in which the host institution's partner coordinators see a nominee. */
export const AT_HOST: readonly string[] = ['nominated', 'host_accepted', 'host_rejected']

export interface CallRef {
  id: string
  org_unit_id: string | null
}

/** May this person run the call's applications (see them all, assign reviewers, allocate)? */
export function managesCall(actor: Actor, call: CallRef): boolean {
  return actsForUnit(actor, call.org_unit_id)
}

export async function accessTo(db: Kysely<DB>, actor: Actor, applicationId: string) {
  const { row, call } = await applicationWithCall(db, applicationId)
  const access = row && call ? await accessOf(db, actor, row, call) : null
  if (!row || !call || !access) throw AppError.notFound('The application')
  return { row, call, access }
}

async function accessOf(db: Kysely<DB>, actor: Actor, row: Selectable<ApplicationTable>, call: CallRef): Promise<Access | null> {
  if (row.applicant_id === actor.id) return 'owner'
  if (managesCall(actor, call)) return 'office'
  if (actor.role === 'partner') return (await isHostOf(db, actor, row)) ? 'host' : null
  if (row.status === 'draft') return null
  const { assigned, conflict } = await reviewerStanding(db, actor.id, call.id, row.id)
  return assigned && !conflict ? 'reviewer' : null
}

/** A partner coordinator of the institution hosting the place the applicant was nominated to. */
async function isHostOf(db: Kysely<DB>, actor: Actor, row: Selectable<ApplicationTable>): Promise<boolean> {
  if (!actor.institutionId || !AT_HOST.includes(row.status) || !row.offered_opportunity_id) return false
  const host = { host_institution_id: await hostOf(db, row.offered_opportunity_id) }
  return host?.host_institution_id === actor.institutionId
}

/** The call, for someone who must manage it; others are told it does not exist. */
export async function managedCall(db: Kysely<DB>, actor: Actor, callId: string) {
  const call = await callRow(db, callId)
  if (!call || !managesCall(actor, call)) throw AppError.notFound('The call')
  return call
}

/** What a host (or a reviewer) reads of an application: no identity or health documents, and nothing of the person's requests to delete the others. */
export function forHost(dto: ApplicationDto): ApplicationDto {
  return { ...dto, documents: dto.documents.filter((d) => !d.special).map((d) => ({ ...d, deletionRequest: null })) }
}
