import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import { placedApplications } from '../../applications/applications/applications.repository.js'

// Every query of the nomination to the host; the rules are in nominations.service.ts.

/** The nominee, the place and the host, as the nomination's mail names them. */
export function nominationDetails(trx: Kysely<DB>, id: string) {
  return placedApplications(trx)
    .select(['a.id', 'a.call_id', 'u.name', 'u.email', 'c.academic_year', 'o.title', 'h.id as host_id', 'h.name as host'])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow()
}

/** Who hears of a nomination at the host: its active partner coordinators, then the contacts the registry keeps with an e-mail. */
export async function hostRecipients(trx: Kysely<DB>, hostId: string): Promise<{ email: string; name?: string }[]> {
  const [people, contacts] = await Promise.all([
    trx
      .selectFrom('users')
      .select('email')
      .where('role', '=', 'partner')
      .where('institution_id', '=', hostId)
      .where('active', '=', true)
      .execute(),
    trx
      .selectFrom('institution_contacts')
      .select(['email', 'name'])
      .where('institution_id', '=', hostId)
      .where('email', 'is not', null)
      .execute(),
  ])
  return [...people.map((p) => ({ email: p.email })), ...contacts.map((c) => ({ email: c.email!, name: c.name }))]
}

/** The nominees an institution hosts, newest first, with the host's letter of acceptance if uploaded. */
export function nomineeRows(db: Kysely<DB>, institutionId: string) {
  return placedApplications(db)
    .leftJoin('documents as d', (j) => j.onRef('d.application_id', '=', 'a.id').on('d.kind', '=', 'acceptance_letter'))
    .select([
      'a.id',
      'a.status',
      'a.nominated_at',
      'a.host_decided_at',
      'a.host_reason',
      'u.name',
      'u.email',
      'c.academic_year',
      'o.id as opportunity_id',
      'o.title',
      'd.id as letter_id',
    ])
    .where('o.host_institution_id', '=', institutionId)
    .where('a.status', 'in', ['nominated', 'host_accepted', 'host_rejected'])
    .orderBy('a.nominated_at', 'desc')
    .limit(500)
    .execute()
}
