import { z } from 'zod'
import { CEFR_LEVELS } from '../../../shared/agreements.js'

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

export class InvalidInstanceError extends Error {
  constructor(readonly problems: string[]) {
    super(`The allocation instance is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

const MAX_PROBLEMS = 50

function where(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
}

/** Checks the shape and the references of an instance; throws InvalidInstanceError naming every offending entry. */
export function parseInstance(input: unknown): Instance {
  const parsed = InstanceSchema.safeParse(input)
  if (!parsed.success) {
    throw new InvalidInstanceError(parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => `${where(i.path)}: ${i.message}`))
  }
  const problems = referenceProblems(parsed.data)
  if (problems.length) throw new InvalidInstanceError(problems)
  return parsed.data
}

function referenceProblems(instance: Instance): string[] {
  const problems: string[] = []
  const note = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }
  const opportunityAt = new Map<string, number>()
  instance.opportunities.forEach((o, i) => {
    const first = opportunityAt.get(o.id)
    if (first !== undefined) note(`opportunities[${i}]: id "${o.id}" is already used by opportunities[${first}]`)
    else opportunityAt.set(o.id, i)
  })
  const applicantAt = new Map<string, number>()
  instance.applicants.forEach((a, i) => {
    const first = applicantAt.get(a.id)
    if (first !== undefined) note(`applicants[${i}]: id "${a.id}" is already used by applicants[${first}]`)
    else applicantAt.set(a.id, i)
  })
  instance.applicants.forEach((a, i) => {
    const prefs = a.preferences
    // A few choices are checked for repeats by looking back; a long list through a set.
    const seen = prefs.length > 32 ? new Set<string>() : null
    for (let j = 0; j < prefs.length; j++) {
      const p = prefs[j]!
      if (!opportunityAt.has(p)) note(`applicants[${i}] (${a.id}).preferences[${j}]: "${p}" is not an opportunity`)
      if (seen ? seen.has(p) : prefs.indexOf(p) < j) note(`applicants[${i}] (${a.id}).preferences[${j}]: "${p}" is listed twice`)
      seen?.add(p)
    }
  })
  instance.opportunities.forEach((o, i) => {
    const seen = new Set<string>()
    o.priority?.forEach((p, j) => {
      if (!applicantAt.has(p)) note(`opportunities[${i}] (${o.id}).priority[${j}]: "${p}" is not an applicant`)
      if (seen.has(p)) note(`opportunities[${i}] (${o.id}).priority[${j}]: "${p}" is listed twice`)
      seen.add(p)
    })
  })
  return problems
}
