import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { recordAudit } from '../../../kernel/audit.js'
import { sessionCache } from '../auth/session-cache.js'
import { deleteSessionsOf } from '../auth/sessions.repository.js'
import { countActiveAdmins, findUser, listUsers, presentUser, updateUserRow } from './users.repository.js'
import type { UserDto, UserUpdate } from './users.schema.js'
import { resolveScope } from './users.scope.js'

export async function getUser(deps: Deps, id: string): Promise<UserDto> {
  const row = await findUser(deps.db, id)
  if (!row) throw AppError.notFound('The user')
  return presentUser(row)
}

export async function searchUsers(deps: Deps, filter: Parameters<typeof listUsers>[1]) {
  const { rows, total } = await listUsers(deps.db, filter)
  return { items: rows.map(presentUser), total }
}

/** An admin changes someone's name, role, scope or whether the account is active. */
export async function updateUser(deps: Deps, ctx: Ctx, id: string, input: UserUpdate): Promise<UserDto> {
  const dto = await deps.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id)
    if (!before) throw AppError.notFound('The user')
    const role = input.role ?? before.role
    const roleOrScopeChanges = input.role !== undefined || input.orgUnitId !== undefined || input.institutionId !== undefined
    const scope = roleOrScopeChanges
      ? await resolveScope(trx, role, {
          orgUnitId: input.orgUnitId !== undefined ? input.orgUnitId : before.org_unit_id,
          institutionId: input.institutionId !== undefined ? input.institutionId : before.institution_id,
        })
      : { org_unit_id: before.org_unit_id, institution_id: before.institution_id }
    const active = input.active ?? before.active
    const losesAdmin = before.role === 'admin' && before.active && (role !== 'admin' || !active)
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      // Keeping one active admin keeps the install manageable without the command line.
      throw new AppError(AppErrorCode.CONFLICT, 'This is the last active admin; make someone else admin first.')
    }
    await updateUserRow(trx, id, { name: input.name ?? before.name, role, ...scope, active, updated_at: new Date() })
    if (!active && before.active) await deleteSessionsOf(trx, id)
    const after = await findUser(trx, id)
    if (!after) throw AppError.notFound('The user')
    const dto = presentUser(after)
    await recordAudit(trx, ctx, { entityType: 'user', entityId: id, action: 'update', before: presentUser(before), after: dto })
    return dto
  })
  // Role, scope and status travel with the session: a cached copy must not outlive the change.
  sessionCache.forgetUser(id)
  return dto
}

export async function updateMe(
  deps: Deps,
  ctx: Ctx,
  input: { name?: string; locale?: string; dailyDigest?: boolean },
): Promise<UserDto> {
  const id = ctx.actor?.id
  if (!id) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'Sign in first.')
  const dto = await deps.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id)
    if (!before) throw AppError.notFound('Your account')
    await updateUserRow(trx, id, {
      name: input.name ?? before.name,
      locale: input.locale ?? before.locale,
      daily_digest: input.dailyDigest ?? before.daily_digest,
      updated_at: new Date(),
    })
    const after = await findUser(trx, id)
    if (!after) throw AppError.notFound('Your account')
    const dto = presentUser(after)
    await recordAudit(trx, ctx, {
      entityType: 'user',
      entityId: id,
      action: 'update_profile',
      before: presentUser(before),
      after: dto,
    })
    return dto
  })
  // The name and language travel with the session too.
  sessionCache.forgetUser(id)
  return dto
}
