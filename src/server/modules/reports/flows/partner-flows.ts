import type { Kysely } from 'kysely'
import { IN_FORCE, type MobilityType } from '../../../../shared/agreements.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { visibleInstitutions } from '../../registry/institutions/institutions.repository.js'
import { countApplications, plannedPlaces } from './flows.repository.js'

// A partner's profile shows its flows with us from the same reading as the mobility report
// (flows.repository.ts): what agreements plan, and the mobilities the lifecycle has made real.

export interface PlannedFlow {
  academicYear: string
  direction: 'outgoing' | 'incoming'
  mobilityType: MobilityType
  places: number
}

export interface RealisedFlow {
  academicYear: string
  direction: 'outgoing' | 'incoming'
  staff: boolean
  /** Accepted by the host (or admitted by us) and not begun. */
  preparing: number
  abroad: number
  /** Over: the transcript or the certificate is in. */
  completed: number
}

async function checkVisible(db: Kysely<DB>, actor: Actor, institutionId: string) {
  const visible = await visibleInstitutions(db, actor).select('i.id').where('i.id', '=', institutionId).executeTakeFirst()
  if (!visible) throw AppError.notFound('The institution')
}

/** Places per academic year, direction and kind that agreements signed or in force plan with this institution. */
export async function plannedFlows(db: Kysely<DB>, actor: Actor, institutionId: string): Promise<PlannedFlow[]> {
  await checkVisible(db, actor, institutionId)
  const sums = new Map<string, PlannedFlow>()
  for (const p of await plannedPlaces(db, ['signed', ...IN_FORCE], { partnerId: institutionId, scope: null })) {
    const key = `${p.year}|${p.direction}|${p.mobilityType}`
    const flow = sums.get(key) ?? { academicYear: p.year, direction: p.direction, mobilityType: p.mobilityType, places: 0 }
    flow.places += p.places
    sums.set(key, flow)
  }
  return [...sums.values()].sort((a, b) => a.academicYear.localeCompare(b.academicYear) || a.direction.localeCompare(b.direction))
}

/**
 * The mobilities with this institution that the lifecycle has made real, per academic year and
 * direction, students and staff apart: ours hosted there, and theirs hosted by us (a visitor whose
 * account names the institution). Counted from the host's acceptance on.
 */
export async function realisedFlows(db: Kysely<DB>, actor: Actor, institutionId: string): Promise<RealisedFlow[]> {
  await checkVisible(db, actor, institutionId)
  const rows = await countApplications(db, 'year', { partnerId: institutionId, realisedOnly: true, scope: null })
  return rows
    .map((r) => ({
      academicYear: r.year,
      direction: r.direction,
      staff: r.staff,
      preparing: r.preparing,
      abroad: r.abroad,
      completed: r.completed,
    }))
    .sort((a, b) => a.academicYear.localeCompare(b.academicYear))
}
