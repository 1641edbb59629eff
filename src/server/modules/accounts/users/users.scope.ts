import type { Kysely } from 'kysely'
import { type Role, scopeOf } from '../../../../shared/roles.js'
import type { DB } from '../../../db/schema.js'
import { AppError } from '../../../http/errors.js'
import { institutionKind, unitWithHome } from './users.repository.js'

/**
 * A coordinator belongs to one of the home institution's organisational units; a partner
 * coordinator to one partner institution; a visiting student may name theirs; other roles have no
 * scope. Returns the columns to store.
 */
export async function resolveScope(
  db: Kysely<DB>,
  role: Role,
  input: { orgUnitId?: string | null; institutionId?: string | null },
  pathPrefix = 'body',
): Promise<{ org_unit_id: string | null; institution_id: string | null }> {
  const scope = scopeOf(role)
  if (scope === 'orgUnit') {
    if (!input.orgUnitId) throw AppError.validation(`${pathPrefix}.orgUnitId`, 'is required for a coordinator')
    const unit = await unitWithHome(db, input.orgUnitId)
    if (!unit?.is_home) {
      throw AppError.validation(`${pathPrefix}.orgUnitId`, 'is not an organisational unit of the home institution')
    }
    return { org_unit_id: unit.id, institution_id: null }
  }
  if (scope === 'institution' && !input.institutionId)
    throw AppError.validation(`${pathPrefix}.institutionId`, 'is required for a partner coordinator')
  // A visiting student or member of staff may name their home institution, a partner, printed on their letters.
  if ((scope === 'institution' || role === 'student' || role === 'staff') && input.institutionId) {
    const inst = await institutionKind(db, input.institutionId)
    if (!inst || inst.is_home) throw AppError.validation(`${pathPrefix}.institutionId`, 'is not a partner institution')
    return { org_unit_id: null, institution_id: inst.id }
  }
  return { org_unit_id: null, institution_id: null }
}
