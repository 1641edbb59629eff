import { CEFR_LEVELS } from '../../../../shared/agreements.js'
import type { Applicant, Instance, Opportunity } from './instance.js'

// A quick reading of an instance's shape, without zod (decision 021). It accepts only instances
// that InstanceSchema accepts too, and gives the same value; anything it is unsure of (a wrong
// type, an unknown key, a missing field) returns null, and InstanceSchema then reads the input
// and words the errors. On the benchmark's instance (50,000 applicants with ten choices) this
// takes a few tens of milliseconds where the schema takes half a second, and it keeps zod from
// being loaded at all by `meridian allocate` when the instance is valid.

const LEVELS = new Set<string>(CEFR_LEVELS)
const LANGUAGE = /^[a-z]{2}$/

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200

function onlyKeys(v: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in v) if (!allowed.has(key)) return false
  return true
}

function isRefs(v: unknown): v is string[] {
  if (!Array.isArray(v) || v.length > 100_000) return false
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false
  return true
}

function isLanguages(v: unknown): v is Record<string, string> {
  if (!isRecord(v)) return false
  for (const key in v) {
    const level = v[key]
    if (!LANGUAGE.test(key) || typeof level !== 'string' || !LEVELS.has(level)) return false
  }
  return true
}

const OPPORTUNITY_KEYS = new Set(['id', 'capacity', 'priority', 'requirements'])
const APPLICANT_KEYS = new Set(['id', 'score', 'tiebreak', 'preferences', 'languages'])
const INSTANCE_KEYS = new Set(['opportunities', 'applicants'])
const REQUIREMENT_KEYS = new Set(['languages'])

function isOpportunity(o: unknown): o is Opportunity {
  if (!isRecord(o) || !onlyKeys(o, OPPORTUNITY_KEYS)) return false
  if (!isId(o.id)) return false
  if (typeof o.capacity !== 'number' || !Number.isSafeInteger(o.capacity) || o.capacity < 0) return false
  if (o.priority !== undefined && !isRefs(o.priority)) return false
  if (o.requirements !== undefined) {
    const r = o.requirements
    if (!isRecord(r) || !onlyKeys(r, REQUIREMENT_KEYS)) return false
    if (r.languages !== undefined && !isLanguages(r.languages)) return false
  }
  return true
}

function isApplicant(a: unknown): boolean {
  if (!isRecord(a) || !onlyKeys(a, APPLICANT_KEYS)) return false
  if (!isId(a.id) || typeof a.score !== 'number' || !Number.isFinite(a.score)) return false
  if (a.tiebreak !== undefined && (typeof a.tiebreak !== 'number' || !Number.isFinite(a.tiebreak))) return false
  if (!isRefs(a.preferences)) return false
  if (a.languages !== undefined && !isLanguages(a.languages)) return false
  return true
}

/**
 * The instance, when its shape is surely valid, with the defaults filled in; null when
 * InstanceSchema has to read it. References between ids are not checked here (checkReferences).
 * Like the schema, it leaves the input as it was given.
 */
export function readInstance(input: unknown): Instance | null {
  if (!isRecord(input) || !onlyKeys(input, INSTANCE_KEYS)) return null
  const { opportunities, applicants } = input
  if (!Array.isArray(opportunities) || opportunities.length > 1_000_000) return null
  if (!Array.isArray(applicants) || applicants.length > 5_000_000) return null
  for (let i = 0; i < opportunities.length; i++) if (!isOpportunity(opportunities[i])) return null
  for (let i = 0; i < applicants.length; i++) if (!isApplicant(applicants[i])) return null
  const filled: Applicant[] = new Array(applicants.length)
  for (let i = 0; i < applicants.length; i++) {
    const a = applicants[i] as Partial<Applicant>
    filled[i] =
      a.tiebreak !== undefined && a.languages !== undefined
        ? (a as Applicant)
        : ({ ...a, tiebreak: a.tiebreak ?? 0, languages: a.languages ?? {} } as Applicant)
  }
  return { opportunities: [...opportunities] as Opportunity[], applicants: filled }
}
