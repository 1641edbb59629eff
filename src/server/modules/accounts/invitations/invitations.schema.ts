import { z } from 'zod'
import { Email, Password, PersonName, Role } from '../users/users.schema.js'

export { type InvitationDto, InvitationSchema } from '../../../../shared/api/accounts.js'

export const InviteBody = z
  .object({
    email: Email,
    name: PersonName.optional(),
    role: Role,
    orgUnitId: z.uuid('must be a UUID').optional(),
    institutionId: z.uuid('must be a UUID').optional(),
  })
  .strict()

export const TokenBody = z.object({ token: z.string().min(20).max(200) }).strict()
export const InvitationLookup = z.object({ email: z.string(), name: z.string().nullable(), role: Role })
export const AcceptBody = z.object({ token: z.string().min(20).max(200), name: PersonName, password: Password }).strict()
