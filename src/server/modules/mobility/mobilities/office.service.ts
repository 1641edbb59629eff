import { type Kysely, sql } from 'kysely'
import type { MobilityStatus } from '../../../../shared/mobilities.js'
import type { DB } from '../../../db/schema.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { unitScope } from '../../../kernel/scope.js'
import { accessTo } from '../../applications/applications/applications.access.js'
import { placedApplications } from '../../applications/applications/applications.repository.js'

// The office's view of its outgoing mobilities (issue 6, point 7): who is preparing, who is
// abroad where on a given day with their emergency contact one click away, who has come back;
// and incident notes on a mobility, which only the office reads and writes.

export interface MobilityListQuery {
  status?: MobilityStatus[]
  /** Only those abroad on this day: arrived by then and not yet left. */
  on?: string
  country?: string[]
}

/** The mobilities of the calls this person runs (all for officers and admins, their unit's for a coordinator). */
export async function listMobilities(db: Kysely<DB>, actor: Actor, q: MobilityListQuery, today: string) {
  const status = sql<MobilityStatus>`coalesce(m.status, 'preparing')`
  let query = placedApplications(db)
    .leftJoin('mobilities as m', 'm.application_id', 'a.id')
    .leftJoin('learning_agreements as la', 'la.application_id', 'a.id')
    .leftJoin('checklist_items as ec', (j) => j.onRef('ec.application_id', '=', 'a.id').on('ec.item', '=', 'emergency_contact'))
    .leftJoin('checklist_items as tr', (j) => j.onRef('tr.application_id', '=', 'a.id').on('tr.item', '=', 'travel'))
    .select([
      'a.id',
      'u.name as student',
      'u.email',
      'o.title',
      'h.name as host',
      'h.country',
      'h.city',
      status.as('status'),
      'm.arrived_on',
      'm.left_on',
      'la.planned_start',
      'la.planned_end',
      'ec.details as emergency',
      'tr.details as travel',
      sql<number>`(select count(*)::int from checklist_items v where v.application_id = a.id and v.status = 'verified'
        and (v.expires_on is null or v.expires_on >= ${today}::date))`.as('verified'),
      sql<number>`(select count(*)::int from mobility_incidents i where i.application_id = a.id)`.as('incidents'),
      sql<string | null>`(select i.severity from mobility_incidents i where i.application_id = a.id
        order by i.written_at desc limit 1)`.as('last_severity'),
      'o.requirements',
    ])
    .where('a.status', '=', 'host_accepted')
  query = query.where(unitScope(actor, 'c.org_unit_id'))
  if (q.status?.length) query = query.where(status, 'in', q.status)
  if (q.country?.length) query = query.where('h.country', 'in', q.country)
  if (q.on)
    query = query
      .where('m.arrived_on', '<=', q.on)
      .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>=', q.on!)]))
  const rows = await query.orderBy('h.country').orderBy('u.name').limit(2000).execute()
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
  const rows = await db
    .selectFrom('mobility_incidents as i')
    .leftJoin('users as u', 'u.id', 'i.written_by')
    .select(['i.id', 'i.severity', 'i.note', 'i.occurred_on', 'i.written_at', 'u.name'])
    .where('i.application_id', '=', applicationId)
    .orderBy('i.occurred_on', 'desc')
    .orderBy('i.written_at', 'desc')
    .execute()
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
    const { id } = await trx
      .insertInto('mobility_incidents')
      .values({
        application_id: applicationId,
        severity: input.severity,
        note: input.note,
        occurred_on: input.occurredOn,
        written_by: ctx.actor!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, {
      entityType: 'application',
      entityId: applicationId,
      action: 'incident_note',
      after: { incidentId: id, ...input },
    })
  })
}
