import { z } from 'zod'
import { IsoDateTime } from '../../http/types.js'

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiToken' })
export type ApiTokenDto = z.infer<typeof ApiTokenSchema>

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    expiresInDays: z.number().int().min(1).max(730).optional(),
  })
  .strict()
