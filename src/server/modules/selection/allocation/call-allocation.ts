import type { Kysely } from 'kysely'
import { type ApplicantProfile, type Unmet, unmetRequirements } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'
import { type AssignmentProblem, type BlockingPair, checkAssignment } from '../engine/adjust.js'
import { applicantIndexOf, compile, type Matching, match } from '../engine/engine.js'
import { explainChoice } from '../engine/explain.js'
import type { Instance } from '../engine/instance.js'
import { scoresOf } from '../reviews/reviews.service.js'
import { instanceRows } from './allocation.repository.js'

// A call's allocation (issues 5 and 6): its submitted applications become an instance of the
// allocation engine. Each applicant's score is their combined review score and their lottery
// number breaks ties; their choices are the ones they are eligible for, in their order (the
// others are explained by the eligibility rule); each opportunity's capacity is its places in the
// call. The officer's adjustments then override the engine, and are checked for what they break.

/** What the engine is given, and what is kept beside it to explain the result. */
export interface CallInstance {
  instance: Instance
  /** Every applicant's full ranked list, eligible or not. */
  ranked: Record<string, string[]>
  /** The choices left out because the applicant does not meet them. */
  unmet: Record<string, Record<string, Unmet[]>>
}

export async function buildInstance(db: Kysely<DB>, callId: string) {
  const [{ call, apps, choices, offers }, scores] = await Promise.all([instanceRows(db, callId), scoresOf(db, callId)])
  const offered = new Set(offers.map((o) => o.opportunity_id))
  const out: CallInstance = {
    instance: { opportunities: offers.map((o) => ({ id: o.opportunity_id, capacity: o.places })), applicants: [] },
    ranked: {},
    unmet: {},
  }
  const unscored: string[] = []
  for (const app of apps) {
    const profile = app.profile as unknown as ApplicantProfile
    const mine = choices.filter((c) => c.application_id === app.id)
    const preferences: string[] = []
    out.ranked[app.id] = mine.map((c) => c.opportunity_id)
    for (const c of mine) {
      if (!offered.has(c.opportunity_id)) continue
      const unmet = unmetRequirements(profile, call.eligibility, {
        yearsOfStudy: c.years_of_study,
        minGrade: c.min_grade === null ? null : Number(c.min_grade),
        languages: c.languages,
      })
      if (unmet.length === 0) preferences.push(c.opportunity_id)
      else out.unmet[app.id] = { ...out.unmet[app.id], [c.opportunity_id]: unmet }
    }
    const score = scores.get(app.id)?.score ?? null
    if (score === null) unscored.push(app.id)
    out.instance.applicants.push({ id: app.id, score: score ?? 0, tiebreak: app.lottery, preferences, languages: {} })
  }
  return { built: out, unscored }
}

/** The engine's matching, then the adjustments, and what those break. */
export function allocate(built: CallInstance, adjustments: ReadonlyMap<string, string | null>) {
  const compiled = compile(built.instance)
  const matching = match(compiled)
  const assignment: Record<string, string | null> = {}
  built.instance.applicants.forEach((applicant, a) => {
    const o = matching.assigned[a]!
    assignment[applicant.id] = o >= 0 ? built.instance.opportunities[o]!.id : null
  })
  for (const [id, opportunity] of adjustments) if (id in assignment) assignment[id] = opportunity
  return { compiled, matching, assignment, ...checkAssignment(compiled, assignment) }
}

/**
 * The instance once places have been answered: without those who declined or withdrew, and with
 * an accepted place kept as it is (it is not traded up for a better choice later).
 */
export function remaining(built: CallInstance, out: ReadonlySet<string>, accepted: ReadonlyMap<string, string>): CallInstance {
  return {
    ...built,
    instance: {
      opportunities: built.instance.opportunities,
      applicants: built.instance.applicants
        .filter((a) => !out.has(a.id))
        .map((a) => (accepted.has(a.id) ? { ...a, preferences: [accepted.get(a.id)!] } : a)),
    },
  }
}

export type ChoiceExplanation =
  | { opportunityId: string; reason: 'not_eligible'; unmet: Unmet[] }
  | { opportunityId: string; reason: 'not_offered' }
  | { opportunityId: string; reason: 'full'; lastAdmittedScore: number | null; score: number }
  | { opportunityId: string; reason: 'adjusted' }

/** Why each choice ranked above the one the applicant holds (or all, without one) did not take them. */
export function explain(built: CallInstance, m: Matching, assignment: Record<string, string | null>, applicationId: string) {
  const ranked = built.ranked[applicationId] ?? []
  const held = assignment[applicationId] ?? null
  const a = applicantIndexOf(m.compiled).get(applicationId)
  const out: ChoiceExplanation[] = []
  for (const opportunityId of ranked) {
    if (opportunityId === held) break
    const unmet = built.unmet[applicationId]?.[opportunityId]
    if (unmet) {
      out.push({ opportunityId, reason: 'not_eligible', unmet })
      continue
    }
    const o = m.compiled.opportunityIndex.get(opportunityId)
    if (a === undefined || o === undefined) {
      out.push({ opportunityId, reason: 'not_offered' })
      continue
    }
    const start = m.compiled.prefStart[a]!
    let i = start
    while (i < m.compiled.prefStart[a + 1]! && m.compiled.prefOpportunity[i] !== o) i++
    // The engine gave them this choice, and an officer's adjustment took it away.
    if (m.assigned[a] === o) {
      out.push({ opportunityId, reason: 'adjusted' })
      continue
    }
    if (i === m.compiled.prefStart[a + 1]) {
      // An accepted place is kept as it is, so the choices above it are no longer proposed to:
      // they are explained by who holds them now.
      const last = m.lastAdmitted[o]!
      const lastAdmittedScore = last >= 0 ? m.compiled.instance.applicants[last]!.score : null
      out.push({ opportunityId, reason: 'full', lastAdmittedScore, score: m.compiled.instance.applicants[a]!.score })
      continue
    }
    const why = explainChoice(m, a, i)
    out.push(
      why.reason === 'full'
        ? { opportunityId, reason: 'full', lastAdmittedScore: why.lastAdmittedScore, score: why.score }
        : { opportunityId, reason: 'not_eligible', unmet: [] },
    )
  }
  return out
}

/** How many got their first, second, … choice (by their full ranking), and the places left. */
export function statistics(built: CallInstance, assignment: Record<string, string | null>) {
  const byChoice: number[] = []
  let placed = 0
  let applicants = 0
  const admitted = new Map<string, number>()
  for (const [id, opportunity] of Object.entries(assignment)) {
    applicants++
    if (opportunity === null) continue
    placed++
    admitted.set(opportunity, (admitted.get(opportunity) ?? 0) + 1)
    const k = (built.ranked[id] ?? []).indexOf(opportunity)
    if (k < 0) continue
    while (byChoice.length <= k) byChoice.push(0)
    byChoice[k]!++
  }
  const places = built.instance.opportunities.reduce((n, o) => n + o.capacity, 0)
  return {
    applicants,
    placed,
    unplaced: applicants - placed,
    byChoice,
    places,
    placesLeft: places - placed,
    perOpportunity: built.instance.opportunities.map((o) => ({
      opportunityId: o.id,
      capacity: o.capacity,
      admitted: admitted.get(o.id) ?? 0,
    })),
  }
}

export type { AssignmentProblem, BlockingPair }
