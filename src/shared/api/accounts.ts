import { z } from 'zod'
import { ROLES } from '../roles.js'
import { IsoDateTime } from './primitives.js'

// People and their access as the API answers them: accounts, the session, invitations, API tokens.

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    orgUnitId: z.uuid().nullable(),
    orgUnitName: z.string().nullable(),
    institutionId: z.uuid().nullable(),
    institutionName: z.string().nullable(),
    locale: z.string(),
    active: z.boolean(),
    dailyDigest: z.boolean().describe('Receives the daily e-mail of pending tasks (office roles)'),
    lastSignInAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'User' })
export type UserDto = z.infer<typeof UserSchema>

export const SessionSchema = z.object({ user: UserSchema.nullable(), csrfToken: z.string().nullable() }).meta({ id: 'Session' })
export type SessionDto = z.infer<typeof SessionSchema>

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    orgUnitId: z.uuid().nullable(),
    institutionId: z.uuid().nullable(),
    invitedBy: z.string().nullable(),
    expiresAt: IsoDateTime,
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Invitation' })
export type InvitationDto = z.infer<typeof InvitationSchema>

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime,
  })
  .meta({ id: 'ApiToken' })
export type ApiTokenDto = z.infer<typeof ApiTokenSchema>
