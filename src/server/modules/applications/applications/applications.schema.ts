import { z } from 'zod'
import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import { APPLICATION_STATUSES } from '../../../../shared/applications.js'
import { csvList, PageQuery } from '../../../http/types.js'
import { Text } from '../../../kernel/schema.js'

const Cefr = z.enum(CEFR_LEVELS, { error: `must be a CEFR level (${CEFR_LEVELS.join(', ')})` })

export const ProfileBody = z
  .object({
    studentNumber: Text(40).min(1, 'must not be empty').nullable().default(null),
    yearOfStudy: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 to 10')
      .max(10, 'must be 1 to 10')
      .nullable()
      .default(null),
    programme: Text(120).min(1, 'must not be empty').nullable().default(null),
    gradeAverage: z.number().min(0, 'must be 0 or more').max(100, 'must be at most 100').nullable().default(null),
    languages: z
      .record(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 language code such as "pt"'), Cefr)
      .default({})
      .refine((l) => Object.keys(l).length <= 20, 'must list at most 20 languages'),
  })
  .strict()
export type ProfileInput = z.infer<typeof ProfileBody>

export const ApplicationBody = z
  .object({
    profile: ProfileBody,
    choices: z
      .array(z.uuid('must be an opportunity id'))
      .max(20, 'must list at most 20 choices')
      .refine((cs) => new Set(cs).size === cs.length, 'must not list an opportunity twice'),
    motivation: Text(10_000).default(''),
  })
  .strict()
export type ApplicationInput = z.infer<typeof ApplicationBody>

export const WithdrawBody = z.object({ reason: Text(1000).min(1, 'must say why').nullable().default(null) }).strict()

export {
  type ApplicationDto,
  ApplicationRowSchema,
  ApplicationSchema,
  DocumentSchema,
} from '../../../../shared/api/applications.js'

export const ApplicationListQuery = z
  .object({
    ...PageQuery,
    status: csvList(z.enum(APPLICATION_STATUSES)).optional(),
    q: Text(200).optional(),
  })
  .strict()
