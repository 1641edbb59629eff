// Applications to calls (issue 6): their states and steps, the applicant's profile, and the
// eligibility rule that the form, the server and the allocation all apply.
import { CEFR_LEVELS, type CefrLevel } from './agreements.js'

/**
 * draft → submitted → offered | waitlisted → accepted | declined → nominated (to the host) →
 * host_accepted | host_rejected; withdrawn from any state before an end. A waitlisted applicant
 * is offered a place when one is given back; an offered one may be offered a better choice
 * before they answer.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'offered',
  'waitlisted',
  'accepted',
  'declined',
  'nominated',
  'host_accepted',
  'host_rejected',
  'withdrawn',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** Every step an application can take, and the states it may take it from. */
export const APPLICATION_STEPS = {
  /** The draft is made: by the applicant's first save, or for a student their institution nominated. */
  start: { from: [], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'offered', 'waitlisted', 'accepted', 'nominated', 'host_accepted'], to: 'withdrawn' },
  offer: { from: ['submitted', 'waitlisted', 'offered'], to: 'offered' },
  waitlist: { from: ['submitted', 'offered'], to: 'waitlisted' },
  accept: { from: ['offered'], to: 'accepted' },
  decline: { from: ['offered'], to: 'declined' },
  /** An offer not answered by its deadline counts as declined. */
  lapse: { from: ['offered'], to: 'declined' },
  nominate: { from: ['accepted'], to: 'nominated' },
  host_accept: { from: ['nominated'], to: 'host_accepted' },
  host_reject: { from: ['nominated'], to: 'host_rejected' },
  /** An incoming student: we are the host, so the office admits them instead of nominating them. */
  admit: { from: ['accepted'], to: 'host_accepted' },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>
export type ApplicationStep = keyof typeof APPLICATION_STEPS

export function canTake(step: ApplicationStep, status: ApplicationStatus): boolean {
  return (APPLICATION_STEPS[step].from as readonly ApplicationStatus[]).includes(status)
}

/** States that hold an accepted place: it is kept as it is when places are given on. */
export const HOLDING: readonly ApplicationStatus[] = ['accepted', 'nominated', 'host_accepted']

/** States that have left the allocation: their place goes to the next in line. */
export const LEFT: readonly ApplicationStatus[] = ['declined', 'withdrawn', 'host_rejected']

/** A person's request that the office delete one of their documents, and its answer (decision 034). */
export interface DocumentDeletionRequest {
  id: string
  status: 'open' | 'deleted' | 'kept'
  reason: string
  requestedAt: string
  decidedAt: string | null
  /** Why the office keeps it, when it does. */
  keepReason: string | null
}

/** Identity and health documents: encrypted at rest, every read logged, never shown to reviewers. */
export const SPECIAL_CATEGORY_KINDS: readonly string[] = [
  'passport',
  'immunisation_record',
  'proof_immunisations',
  'proof_background_check',
  'proof_visa',
]

export interface ApplicantProfile {
  studentNumber: string | null
  yearOfStudy: number | null
  programme: string | null
  gradeAverage: number | null
  languages: Record<string, CefrLevel>
}

export interface Eligibility {
  yearsOfStudy?: number[]
  minGrade?: number | null
  programmes?: string[]
}

export interface OpportunityTerms {
  yearsOfStudy: number[]
  minGrade: number | null
  languages: { language: string; minLevel: string | null }[]
}

/** A requirement an applicant does not meet, with what is required and what they have. */
export type Unmet =
  | { rule: 'year_of_study'; required: number[]; has: number | null }
  | { rule: 'min_grade'; required: number; has: number | null }
  | { rule: 'programme'; required: string[]; has: string | null }
  /** One of these languages at its level (an opportunity taught in two accepts either). */
  | { rule: 'language'; required: { language: string; level: string }[]; has: Record<string, string> }

const LEVEL = new Map<string, number>(CEFR_LEVELS.map((l, i) => [l, i]))

export function meetsLevel(has: string | undefined | null, required: string): boolean {
  return has != null && (LEVEL.get(has) ?? -1) >= (LEVEL.get(required) ?? 99)
}

function fitsProgramme(has: string, names: string[]): boolean {
  const mine = has.trim().toLowerCase()
  return names.some((n) => mine.includes(n.trim().toLowerCase()))
}

/** What the applicant lacks for this choice: the call's conditions, then the opportunity's. */
export function unmetRequirements(profile: ApplicantProfile, call: Eligibility, opportunity: OpportunityTerms): Unmet[] {
  const unmet: Unmet[] = []
  for (const years of [call.yearsOfStudy ?? [], opportunity.yearsOfStudy]) {
    const listed = unmet.some((u) => u.rule === 'year_of_study')
    if (!listed && years.length > 0 && (profile.yearOfStudy === null || !years.includes(profile.yearOfStudy)))
      unmet.push({ rule: 'year_of_study', required: years, has: profile.yearOfStudy })
  }
  const minGrade = Math.max(call.minGrade ?? Number.NEGATIVE_INFINITY, opportunity.minGrade ?? Number.NEGATIVE_INFINITY)
  if (Number.isFinite(minGrade) && (profile.gradeAverage === null || profile.gradeAverage < minGrade))
    unmet.push({ rule: 'min_grade', required: minGrade, has: profile.gradeAverage })
  const programmes = call.programmes ?? []
  if (programmes.length > 0 && (!profile.programme || !fitsProgramme(profile.programme, programmes)))
    unmet.push({ rule: 'programme', required: programmes, has: profile.programme })
  const levels = opportunity.languages.flatMap((l) => (l.minLevel ? [{ language: l.language, level: l.minLevel }] : []))
  if (levels.length > 0 && !levels.some((l) => meetsLevel(profile.languages[l.language], l.level)))
    unmet.push({ rule: 'language', required: levels, has: profile.languages })
  return unmet
}
