import { z } from 'zod'
import {
  EMAIL_MAX_LENGTH,
  LANGUAGES,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../../../../shared/limits.js'
import { ROLES } from '../../../../shared/roles.js'
import { PageQuery, paged } from '../../../http/types.js'

export const Email = z.email('must be an e-mail address').max(EMAIL_MAX_LENGTH)
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
export const PersonName = z.string().trim().min(1, 'must not be empty').max(NAME_MAX_LENGTH)
export const Role = z.enum(ROLES)
export const Locale = z.enum(LANGUAGES)

import { UserSchema } from '../../../../shared/api/accounts.js'

export { type UserDto, UserSchema } from '../../../../shared/api/accounts.js'

export const UserListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    role: Role.optional(),
    active: z.enum(['true', 'false']).optional(),
    ...PageQuery,
  })
  .strict()

export const UserPage = paged(UserSchema)

export const UserUpdateBody = z
  .object({
    name: PersonName.optional(),
    role: Role.optional(),
    orgUnitId: z.uuid('must be a UUID').nullable().optional(),
    institutionId: z.uuid('must be a UUID').nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
export type UserUpdate = z.infer<typeof UserUpdateBody>

export const MeUpdateBody = z
  .object({ name: PersonName.optional(), locale: Locale.optional(), dailyDigest: z.boolean('must be true or false').optional() })
  .strict()
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: Password })
  .strict()
