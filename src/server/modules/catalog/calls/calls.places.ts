import type { Kysely } from 'kysely'
import { MOBILITY_TYPE_OF } from '../../../../shared/calls.js'
import type { OpportunityKind } from '../../../../shared/opportunities.js'
import type { DB } from '../../../db/schema.js'
import { placeSources } from './calls.repository.js'
import type { SUGGESTION_REASONS, Suggestion } from './calls.schema.js'

type SuggestionReason = (typeof SUGGESTION_REASONS)[number]

/** An agreement's quota counts for a call when it is signed or in force. */
const QUOTA_STATUSES = ['signed', 'active', 'expiring'] as const

interface OpportunityFacts {
  id: string
  kind: OpportunityKind
  direction: 'outgoing' | 'incoming'
  host_institution_id: string
  agreement_id: string | null
}

interface ConditionFacts {
  agreement_id: string
  mobility_type: string
  sending_institution_id: string
  receiving_institution_id: string
  academic_year_from: string
  academic_year_to: string
  mobilities_per_year: number | null
}

/**
 * Whether a cooperation condition pays for places in the opportunity in that academic year: the
 * same mobility type, the year within the condition's years, and the flow in the opportunity's
 * direction (from us to the host going out; from a partner to us coming in).
 */
export function conditionFits(c: ConditionFacts, o: OpportunityFacts, academicYear: string, homeId: string): boolean {
  if (c.agreement_id !== o.agreement_id || c.mobility_type !== MOBILITY_TYPE_OF[o.kind]) return false
  if (academicYear < c.academic_year_from || academicYear > c.academic_year_to) return false
  return o.direction === 'outgoing'
    ? c.sending_institution_id === homeId && c.receiving_institution_id === o.host_institution_id
    : c.receiving_institution_id === o.host_institution_id && c.sending_institution_id !== homeId
}

/** Shares `quota` among `n` opportunities: whole places, the first ones taking the remainder. */
export function share(quota: number, n: number, index: number): number {
  return Math.floor(quota / n) + (index < quota % n ? 1 : 0)
}

/**
 * Places to offer in each opportunity for a call in `academicYear`: the mobilities per year of the
 * agreement it rests on (shared when several of the opportunities draw on the same quota), or else
 * the capacity of its periods. Every suggestion says where it comes from.
 */
export async function suggestPlaces(db: Kysely<DB>, academicYear: string, opportunityIds: string[]): Promise<Suggestion[]> {
  if (opportunityIds.length === 0) return []
  const { opportunities, periods, home, agreements, conditions } = await placeSources(db, opportunityIds)
  const agreementOf = new Map(agreements.map((a) => [a.id, a]))
  const capacityOf = new Map(periods.map((p) => [p.opportunity_id, Number(p.capacity)]))
  const byId = new Map(opportunities.map((o) => [o.id, o]))

  // The quota of one agreement and mobility type is shared by the opportunities that draw on it.
  const pools = new Map<string, string[]>()
  const quotaOf = new Map<string, { quota: number | null; pool: string } | { reason: SuggestionReason }>()
  for (const id of opportunityIds) {
    const o = byId.get(id)
    if (!o?.agreement_id) continue
    const agreement = agreementOf.get(o.agreement_id)!
    if (!(QUOTA_STATUSES as readonly string[]).includes(agreement.status)) {
      quotaOf.set(id, { reason: 'agreement_not_in_force' })
      continue
    }
    const fitting = conditions.filter((c) => home && conditionFits(c, o, academicYear, home.id))
    if (fitting.length === 0) {
      quotaOf.set(id, { reason: 'no_flow' })
      continue
    }
    const counted = fitting.filter((c) => c.mobilities_per_year !== null)
    if (counted.length === 0) {
      quotaOf.set(id, { reason: 'no_number' })
      continue
    }
    const pool = `${o.agreement_id}:${MOBILITY_TYPE_OF[o.kind]}:${o.direction}`
    pools.set(pool, [...(pools.get(pool) ?? []), id])
    quotaOf.set(id, { quota: counted.reduce((n, c) => n + c.mobilities_per_year!, 0), pool })
  }

  return opportunityIds.map((id): Suggestion => {
    const o = byId.get(id)
    const agreement = o?.agreement_id ? agreementOf.get(o.agreement_id) : undefined
    const base = {
      opportunityId: id,
      agreementId: agreement?.id ?? null,
      agreementReference: agreement?.reference ?? null,
      agreementStatus: agreement?.status ?? null,
      mobilityType: o ? MOBILITY_TYPE_OF[o.kind] : '',
      quota: null,
      sharedWith: 0,
    }
    if (!o) return { ...base, places: null, source: null, reason: 'unknown_opportunity' }
    const q = quotaOf.get(id)
    if (q && 'pool' in q && q.quota !== null) {
      const pool = pools.get(q.pool)!
      return {
        ...base,
        places: share(q.quota, pool.length, pool.indexOf(id)),
        source: 'agreement',
        quota: q.quota,
        sharedWith: pool.length - 1,
        reason: pool.length > 1 ? 'shared' : null,
      }
    }
    // No quota to go by: the capacity of the opportunity's periods, if it has any.
    const reason = q && 'reason' in q ? q.reason : null
    const capacity = capacityOf.get(id)
    return capacity === undefined
      ? { ...base, places: null, source: null, reason: reason ?? 'nothing' }
      : { ...base, places: capacity, source: 'periods', reason }
  })
}
