import type { Kysely } from 'kysely'
import type { Role } from '../../../../shared/roles.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { notify } from '../../comms/notifications/notify.js'
import { hashPassword } from '../auth/password.js'
import { hashToken, newToken } from '../auth/tokens.js'
import { findUserByEmail } from '../users/users.repository.js'
import { resolveScope } from '../users/users.scope.js'
import {
  homeInstitutionName,
  insertInvitation,
  insertUser,
  markInvitation,
  type PendingInvitationRow,
  pendingInvitations,
  revokeOpenInvitations,
} from './invitations.repository.js'
import type { InvitationDto } from './invitations.schema.js'

const INVITATION_DAYS = 14

function present(row: PendingInvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgUnitId: row.org_unit_id,
    institutionId: row.institution_id,
    invitedBy: row.invited_by_email,
    expiresAt: iso(row.expires_at) as string,
    createdAt: iso(row.created_at) as string,
  }
}

export async function listPendingInvitations(deps: Deps): Promise<InvitationDto[]> {
  const rows = await pendingInvitations(deps.db, deps.clock.now()).orderBy('v.created_at', 'desc').execute()
  return rows.map(present)
}

/** An admin invites a person with a role; the e-mail carries a link valid for two weeks. */
export async function invite(
  deps: Deps,
  ctx: Ctx,
  input: { email: string; name?: string; role: Role; orgUnitId?: string; institutionId?: string },
): Promise<InvitationDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { dto, url } = await createInvitation(trx, deps, ctx, input)
    const home = { name: await homeInstitutionName(trx) }
    await notify(trx, deps, {
      to: dto.email,
      template: 'invitation',
      url,
      inApp: false,
      vars: (r) => ({
        name: input.name ?? dto.email,
        inviter: ctx.actor?.name ?? home?.name ?? 'Meridian',
        institution: home?.name ?? 'Meridian',
        role: r.pack.roles[input.role],
        days: INVITATION_DAYS,
      }),
    })
    return dto
  })
}

/**
 * The invitation itself, in the caller's transaction, audited; the caller sends the link (`url`)
 * in the mail it words. Refused for an address that already has an account. An admin's new
 * invitation replaces any pending one for the address; a partner's nomination (`replacePending:
 * false`) never touches another invitation.
 */
export async function createInvitation(
  trx: Kysely<DB>,
  deps: Pick<Deps, 'env' | 'clock'>,
  ctx: Ctx,
  input: { email: string; name?: string; role: Role; orgUnitId?: string; institutionId?: string },
  { replacePending = true } = {},
) {
  const email = input.email.trim().toLowerCase()
  const token = newToken()
  if (await findUserByEmail(trx, email)) {
    throw new AppError(AppErrorCode.CONFLICT, `${email} already has an account; change its role in the user list instead.`, {
      errors: [{ path: 'body.email', message: 'already has an account' }],
    })
  }
  const scope = await resolveScope(trx, input.role, input)
  if (replacePending) await revokeOpenInvitations(trx, email)
  const id = await insertInvitation(trx, {
    email,
    name: input.name ?? null,
    role: input.role,
    ...scope,
    token_hash: hashToken(token),
    invited_by: ctx.actor?.id ?? null,
    expires_at: new Date(deps.clock.now().getTime() + INVITATION_DAYS * 86_400_000),
  })
  const row = await pendingInvitations(trx, deps.clock.now()).where('v.id', '=', id).executeTakeFirstOrThrow()
  const dto = present(row)
  await recordAudit(trx, ctx, { entityType: 'invitation', entityId: id, action: 'create', after: dto })
  return { dto, url: `${deps.env.publicUrl}/invitation#token=${token}`, days: INVITATION_DAYS }
}

export async function revokeInvitation(deps: Deps, ctx: Ctx, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await pendingInvitations(trx, deps.clock.now()).where('v.id', '=', id).executeTakeFirst()
    if (!row) throw AppError.notFound('The pending invitation')
    await markInvitation(trx, id, 'revoked_at')
    await recordAudit(trx, ctx, { entityType: 'invitation', entityId: id, action: 'revoke', before: present(row) })
  })
}

export async function lookupInvitation(deps: Deps, token: string) {
  const row = await pendingInvitations(deps.db, deps.clock.now()).where('v.token_hash', '=', hashToken(token)).executeTakeFirst()
  if (!row) throw AppError.validation('body.token', 'this invitation is not valid any more; ask for a new one')
  return { email: row.email, name: row.name, role: row.role }
}

/** The invited person chooses a name and password; the account is created with the invited role. */
export async function acceptInvitation(
  deps: Deps,
  ctx: Ctx,
  input: { token: string; name: string; password: string },
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password)
  return deps.db.transaction().execute(async (trx) => {
    const row = await pendingInvitations(trx, deps.clock.now())
      .where('v.token_hash', '=', hashToken(input.token))
      .forUpdate('v')
      .executeTakeFirst()
    if (!row) throw AppError.validation('body.token', 'this invitation is not valid any more; ask for a new one')
    if (await findUserByEmail(trx, row.email)) {
      throw new AppError(AppErrorCode.CONFLICT, 'This address already has an account; sign in instead.')
    }
    const user = await insertUser(trx, {
      email: row.email,
      name: input.name,
      role: row.role,
      org_unit_id: row.org_unit_id,
      institution_id: row.institution_id,
      password_hash: passwordHash,
    })
    await markInvitation(trx, row.id, 'accepted_at')
    const actorCtx: Ctx = {
      ...ctx,
      actor: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        orgUnitId: user.org_unit_id,
        institutionId: user.institution_id,
        locale: 'en',
      },
    }
    await recordAudit(trx, actorCtx, { entityType: 'user', entityId: user.id, action: 'create_from_invitation', after: user })
    await deps.events.emit(trx, actorCtx, 'accountCreated', {
      id: user.id,
      email: user.email,
      role: user.role,
      institutionId: user.institution_id,
    })
    return { userId: user.id }
  })
}
