import { z } from 'zod'

export { type ApiTokenDto, ApiTokenSchema } from '../../../../shared/api/accounts.js'

/** How long a token lives unless its owner says otherwise, and at most. */
export const TOKEN_DEFAULT_DAYS = 90
export const TOKEN_MAX_DAYS = 365
const Days = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(TOKEN_MAX_DAYS, `must be at most ${TOKEN_MAX_DAYS} days`)
  .default(TOKEN_DEFAULT_DAYS)
const CurrentPassword = z
  .string()
  .min(1, 'is needed: type your current password to confirm')
  .max(1000)
  .describe('The current password of the signed-in person, asked again for this')

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    expiresInDays: Days,
    password: CurrentPassword,
  })
  .strict()

export const RenewTokenBody = z.object({ expiresInDays: Days, password: CurrentPassword }).strict()
