import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Deps } from '../../deps.js'
import { notify } from '../notifications/notify.js'

// Telling the people of one mobility about it: the student, and the officer who nominated them.
// Each message links to the mobility's page and is sent in the transaction that decided it.

export type MailDeps = Pick<Deps, 'db' | 'mail' | 'env'>

/** The student and the officer who nominated them (or admitted them, when we host), who may be gone. */
export async function mobilityPeople(trx: Kysely<DB>, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('users as n', (j) =>
      j.on((eb) =>
        eb(
          'n.id',
          '=',
          eb.fn.coalesce(
            'a.nominated_by',
            sql<string>`case when a.nominated_by is null and exists (select 1 from opportunities o where o.id = a.offered_opportunity_id and o.direction = 'incoming') then a.host_decided_by end`,
          ),
        ),
      ),
    )
    .select(['u.name', 'u.email', 'n.email as officer_email', 'n.name as officer_name'])
    .where('a.id', '=', applicationId)
    .executeTakeFirstOrThrow()
}

/** A message about the mobility to one person, signed by Meridian, with the link to its page. */
export async function tellAboutMobility(
  trx: Kysely<DB>,
  deps: MailDeps,
  applicationId: string,
  to: { email: string; name: string },
  subject: string,
  body: string,
) {
  const link = `/mobilities/${applicationId}`
  await notify(trx, deps.mail, {
    link,
    to: to.email,
    subject,
    text: [`Dear ${to.name},`, '', body, '', `${deps.env.publicUrl}${link}`, '', 'Meridian'].join('\n'),
  })
}

export async function tellStudent(trx: Kysely<DB>, deps: MailDeps, applicationId: string, subject: string, body: string) {
  const p = await mobilityPeople(trx, applicationId)
  await tellAboutMobility(trx, deps, applicationId, { email: p.email, name: p.name }, subject, body)
}

/** The nominating officer, when there is one still active; nobody otherwise. */
export async function tellOfficer(trx: Kysely<DB>, deps: MailDeps, applicationId: string, subject: string, body: string) {
  const p = await mobilityPeople(trx, applicationId)
  if (!p.officer_email) return
  await tellAboutMobility(trx, deps, applicationId, { email: p.officer_email, name: p.officer_name ?? '' }, subject, body)
}
