import { type Kysely, sql } from 'kysely'
import type { MailTemplateKey } from '../../../../shared/mail-templates.js'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import { applicationsWithPlace } from '../../applications/applications/applications.repository.js'
import { type Notice, notify } from '../../comms/notifications/notify.js'

// Telling the people of one mobility about it: the student, and the officer who nominated them.
// Each message links to the mobility's page and is sent in the transaction that decided it.

type Vars<K extends MailTemplateKey> = Notice<K>['vars']

/** The student, the place and the officer who nominated them (or admitted them, when we host), who may be gone. */
export async function mobilityPeople(trx: Kysely<DB>, applicationId: string) {
  return applicationsWithPlace(trx)
    .leftJoin('users as n', (j) =>
      j.on((eb) =>
        eb(
          'n.id',
          '=',
          eb.fn.coalesce('a.nominated_by', sql<string>`case when o.direction = 'incoming' then a.host_decided_by end`),
        ),
      ),
    )
    .select(['u.name', 'u.email', 'n.email as officer_email', 'o.title as opportunity', 'c.academic_year'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

/** A message about the mobility to one person, with the link to its page. */
export async function tellAboutMobility<K extends MailTemplateKey>(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  to: string,
  template: K,
  vars: Vars<K>,
) {
  await notify(trx, deps, { to, template, vars, link: `/mobilities/${applicationId}` })
}

export async function tellStudent<K extends MailTemplateKey>(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  template: K,
  vars: Vars<K>,
) {
  const p = await mobilityPeople(trx, applicationId)
  await tellAboutMobility(trx, deps, applicationId, p.email, template, vars)
}

/** The nominating officer, when there is one still active; nobody otherwise. */
export async function tellOfficer<K extends MailTemplateKey>(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  template: K,
  vars: Vars<K>,
) {
  const p = await mobilityPeople(trx, applicationId)
  if (!p.officer_email) return
  await tellAboutMobility(trx, deps, applicationId, p.officer_email, template, vars)
}
