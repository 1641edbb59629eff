// The checklist before departure (issue 6, decision 025): built from the requirements of the
// opportunity the student goes to, plus what every mobility needs (an emergency contact and the
// travel dates). The student fills each item and uploads its proof; an officer verifies it.
import { REQUIREMENTS, type Requirement } from './opportunities.js'

export const CHECKLIST_ITEMS = [...REQUIREMENTS, 'emergency_contact', 'travel'] as const
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

/** Stored states; an item without a row is `missing`, a verified one past its expiry is `expired`. */
export const ITEM_STATES = ['missing', 'submitted', 'verified', 'rejected', 'expired'] as const
export type ItemState = (typeof ITEM_STATES)[number]

/** Items proved by an uploaded document. */
export const NEEDS_PROOF: readonly ChecklistItem[] = REQUIREMENTS

/** Items that lapse: their expiry date is required and watched. */
export const EXPIRING: readonly ChecklistItem[] = ['insurance', 'bls', 'acls', 'visa']

/** Proofs that are identity, health or criminal-record data: encrypted at rest, every read logged. */
export const SPECIAL_PROOFS: readonly ChecklistItem[] = ['immunisations', 'background_check', 'visa']

/** Days before an expiry on which the student and the officer are reminded (and on the day itself). */
export const EXPIRY_REMINDER_DAYS = [30, 7, 0] as const

/** The document kind of an item's proof. */
export const proofKind = (item: ChecklistItem) => `proof_${item}` as const
export type ProofKind = ReturnType<typeof proofKind>

/** The items of a mobility to an opportunity with these requirements, in the order shown. */
export function checklistFor(requirements: readonly string[]): ChecklistItem[] {
  const asked = new Set(requirements)
  return [...REQUIREMENTS.filter((r: Requirement) => asked.has(r)), 'emergency_contact', 'travel']
}

/** What each item records beside its proof. */
export interface ChecklistDetails {
  insurance: { provider: string; policyNumber: string }
  immunisations: { doses: { vaccine: string; date: string }[] }
  bls: { issuer: string }
  acls: { issuer: string }
  background_check: { issuedOn: string }
  visa: { number: string }
  language_certificate: { language: string; level: string; issuer: string }
  emergency_contact: { name: string; relationship: string; phone: string; email: string | null }
  travel: { departOn: string; returnOn: string; note: string | null }
}

/** The day an item lapses matters only for a verified item; before that it is still to be checked. */
export function itemState(
  stored: 'submitted' | 'verified' | 'rejected' | null,
  expiresOn: string | null,
  today: string,
): ItemState {
  if (!stored) return 'missing'
  if (stored === 'verified' && expiresOn !== null && expiresOn < today) return 'expired'
  return stored
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when it has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** The reminder due for an expiry `days` away, given the last one sent (null: none yet). */
export function reminderDue(days: number, lastSent: number | null): number | null {
  const due = EXPIRY_REMINDER_DAYS.filter((d) => days <= d).at(-1)
  if (due === undefined) return null
  return lastSent === null || lastSent > due ? due : null
}
