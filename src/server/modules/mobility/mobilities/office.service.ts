import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { incidentRows, insertIncident, type MobilityListQuery, mobilityRows } from './mobility.repository.js'

// The office's view of its outgoing mobilities (issue 6, point 7): who is preparing, who is
// abroad where on a given day with their emergency contact one click away, who has come back;
// and incident notes on a mobility, which only the office reads and writes.

/** The mobilities of the calls this person runs (all for officers and admins, their unit's for a coordinator). */
export async function listMobilities(db: Kysely<DB>, actor: Actor, q: MobilityListQuery, today: string) {
  const rows = await mobilityRows(db, actor, q, today)
  return rows.map((r) => {
    const travel = r.travel as { departOn?: string; returnOn?: string } | null
    const emergency = r.emergency as { name: string; relationship: string; phone: string; email: string | null } | null
    return {
      applicationId: r.id,
      student: { name: r.student, email: r.email },
      opportunityTitle: r.title,
      host: { name: r.host, country: r.country, city: r.city },
      status: r.status,
      arrivedOn: r.arrived_on,
      leftOn: r.left_on,
      departOn: travel?.departOn ?? null,
      returnOn: travel?.returnOn ?? null,
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
      emergencyContact: emergency,
      checklist: { verified: r.verified, total: (r.requirements?.length ?? 0) + 2 },
      incidents: r.incidents,
      lastSeverity: r.last_severity as 'info' | 'concern' | 'emergency' | null,
    }
  })
}

/** The office's own access to an application's mobility, or "not found" for anyone else. */
async function officeOnly(db: Kysely<DB>, actor: Actor, applicationId: string) {
  const { access } = await accessTo(db, actor, applicationId)
  if (access !== 'office') throw AppError.notFound('The incident notes')
}

export async function listIncidents(db: Kysely<DB>, actor: Actor, applicationId: string) {
  await officeOnly(db, actor, applicationId)
  const rows = await incidentRows(db, applicationId)
  return rows.map((r) => ({
    id: r.id,
    severity: r.severity,
    note: r.note,
    occurredOn: r.occurred_on,
    writtenAt: iso(r.written_at)!,
    writtenBy: r.name,
  }))
}

/** An incident note: what happened, when, and how serious; kept for the office and never shown to others. */
export async function addIncident(
  db: Kysely<DB>,
  ctx: Ctx,
  applicationId: string,
  input: { severity: 'info' | 'concern' | 'emergency'; occurredOn: string; note: string },
  today: string,
) {
  await db.transaction().execute(async (trx) => {
    await officeOnly(trx, ctx.actor!, applicationId)
    if (input.occurredOn > today) throw AppError.validation('body.occurredOn', 'must not be in the future')
    const id = await insertIncident(trx, {
      application_id: applicationId,
      severity: input.severity,
      note: input.note,
      occurred_on: input.occurredOn,
      written_by: ctx.actor!.id,
    })
    await recordAudit(trx, ctx, {
      entityType: 'application',
      entityId: applicationId,
      action: 'incident_note',
      after: { incidentId: id, ...input },
    })
  })
}
