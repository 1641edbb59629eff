import { z } from 'zod'
import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import { readInstance } from './read.js'
import { checkReferences, InvalidInstanceError, MAX_PROBLEMS } from './references.js'

export { InvalidInstanceError } from './references.js'

// An allocation instance, as `meridian allocate FILE` reads it and as a call builds it from its
// applications: opportunities with capacities (and optionally their own order of candidates and
// language requirements), applicants with a merit score, a lottery number and ranked choices.

const Id = z.string().min(1, 'must not be empty').max(200)
// A list of references to ids: checked against the ids themselves (parseInstance), so here only
// for being a list of strings, in one pass rather than an element at a time (500,000 of them in
// the benchmark's instance).
const Refs = (what: string) =>
  z.custom<string[]>((v) => Array.isArray(v) && v.length <= 100_000 && v.every((x) => typeof x === 'string'), {
    message: `must be a list of ${what} ids (strings)`,
  })
const Cefr = z.enum(CEFR_LEVELS, { error: `must be a CEFR level (${CEFR_LEVELS.join(', ')})` })
const Languages = z.record(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 language code such as "pt"'), Cefr)

export const OpportunitySchema = z
  .object({
    id: Id,
    capacity: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
    /** The host's own order of candidates, best first; only those listed are acceptable. */
    priority: Refs('applicant').optional(),
    requirements: z.object({ languages: Languages.optional() }).strict().optional(),
  })
  .strict()

export const ApplicantSchema = z
  .object({
    id: Id,
    score: z.number().finite('must be a number'),
    /** The recorded lottery number that breaks ties of score: the lower number goes first. */
    tiebreak: z.number().finite('must be a number').default(0),
    preferences: Refs('opportunity'),
    languages: Languages.default({}),
  })
  .strict()

export const InstanceSchema = z
  .object({
    opportunities: z.array(OpportunitySchema).max(1_000_000),
    applicants: z.array(ApplicantSchema).max(5_000_000),
  })
  .strict()

export type Opportunity = z.infer<typeof OpportunitySchema>
export type Applicant = z.infer<typeof ApplicantSchema>
export type Instance = z.infer<typeof InstanceSchema>
export type InstanceInput = z.input<typeof InstanceSchema>

/**
 * Checks the shape and the references of an instance; throws InvalidInstanceError naming every
 * offending entry. A valid shape is read without the schema (readInstance); the schema reads the
 * rest and words what is wrong.
 */
export function parseInstance(input: unknown): Instance {
  return checkReferences(readInstance(input) ?? shapeOf(input))
}

/** The instance's shape by the schema, or InvalidInstanceError naming every offending entry. */
export function shapeOf(input: unknown): Instance {
  const parsed = InstanceSchema.safeParse(input)
  if (!parsed.success) {
    throw new InvalidInstanceError(parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => `${where(i.path)}: ${i.message}`))
  }
  return parsed.data
}

function where(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
}
