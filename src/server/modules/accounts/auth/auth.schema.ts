import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '../../../../shared/limits.js'
import { Email, Password } from '../users/users.schema.js'

export const SignInBody = z
  .object({ email: Email, password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX_LENGTH) })
  .strict()
export { SessionSchema } from '../../../../shared/api/accounts.js'
export const ResetRequestBody = z.object({ email: Email }).strict()
export const ResetConfirmBody = z.object({ token: z.string().min(20).max(200), password: Password }).strict()
export const MessageSchema = z.object({ message: z.string() })
