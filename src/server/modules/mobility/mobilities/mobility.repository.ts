import { type Kysely, sql } from 'kysely'
import type { LaComponent } from '../../../../shared/learning-agreements.js'
import type { MobilityStatus } from '../../../../shared/mobilities.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { unitScope } from '../../../kernel/scope.js'
import { applicationsWithPlace, placedApplications } from '../../applications/applications/applications.repository.js'

// Every query of the mobilities leaf: the mobility row, what its page shows, the office's list and
// the incident notes. The rules that use them are in mobility.service.ts and office.service.ts.

/** The components of the latest approved learning agreement, or null without one. */
export async function approvedComponents(db: Kysely<DB>, applicationId: string): Promise<LaComponent[] | null> {
  const v = await db
    .selectFrom('learning_agreement_versions as v')
    .innerJoin('learning_agreements as la', 'la.id', 'v.agreement_id')
    .select('v.components')
    .where('la.application_id', '=', applicationId)
    .where('v.status', '=', 'approved')
    .orderBy('v.number', 'desc')
    .executeTakeFirst()
  return v?.components ?? null
}

export function mobilityOf(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('mobilities').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

/** The mobility row, locked for a step (none before the arrival). */
export function lockMobility(trx: Kysely<DB>, applicationId: string) {
  return trx.selectFrom('mobilities').selectAll().where('application_id', '=', applicationId).forUpdate().executeTakeFirst()
}

/** What the mobility's page says of the application: the person, the place, the learning agreement's dates, the programme. */
export function mobilityPlace(db: Kysely<DB>, applicationId: string) {
  return applicationsWithPlace(db)
    .leftJoin('learning_agreements as la', 'la.application_id', 'a.id')
    .leftJoin('staff_programmes as sp', 'sp.application_id', 'a.id')
    .select([
      'sp.status as programme_status',
      'u.name',
      'c.audience',
      'o.direction',
      'o.id as opportunity_id',
      'o.title',
      'h.name as host',
      'h.country',
      'la.planned_start',
      'la.planned_end',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

/** The host's documents that end a stay: the transcript of records and the certificate of a visit. */
export function hostDocuments(db: Kysely<DB>, applicationId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'kind', 'file_name'])
    .where('application_id', '=', applicationId)
    .where('kind', 'in', ['transcript_of_records', 'host_certificate'])
    .execute()
}

export async function isStaffCall(db: Kysely<DB>, callId: string): Promise<boolean> {
  return (await db.selectFrom('calls').select('audience').where('id', '=', callId).executeTakeFirstOrThrow()).audience === 'staff'
}

export interface MobilityListQuery {
  status?: MobilityStatus[]
  /** Only those abroad on this day: arrived by then and not yet left. */
  on?: string
  country?: string[]
}

/** The office's list: every placed application of the calls this person runs, with its stay, checklist and incidents. */
export function mobilityRows(db: Kysely<DB>, actor: Actor, q: MobilityListQuery, today: string) {
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
  return query.orderBy('h.country').orderBy('u.name').limit(2000).execute()
}

export function incidentRows(db: Kysely<DB>, applicationId: string) {
  return db
    .selectFrom('mobility_incidents as i')
    .leftJoin('users as u', 'u.id', 'i.written_by')
    .select(['i.id', 'i.severity', 'i.note', 'i.occurred_on', 'i.written_at', 'u.name'])
    .where('i.application_id', '=', applicationId)
    .orderBy('i.occurred_on', 'desc')
    .orderBy('i.written_at', 'desc')
    .execute()
}

export async function insertIncident(
  trx: Kysely<DB>,
  values: {
    application_id: string
    severity: 'info' | 'concern' | 'emergency'
    note: string
    occurred_on: string
    written_by: string
  },
): Promise<string> {
  return (await trx.insertInto('mobility_incidents').values(values).returning('id').executeTakeFirstOrThrow()).id
}
