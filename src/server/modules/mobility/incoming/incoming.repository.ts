import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'

// Every query of an incoming stay's own records (the visa details; the place's direction); the
// mobility row is the mobilities leaf's (mobility.repository.ts). The rules are in incoming.service.ts.

export async function directionOf(db: Kysely<DB>, opportunityId: string) {
  return (await db.selectFrom('opportunities').select('direction').where('id', '=', opportunityId).executeTakeFirst())?.direction
}

export function visaDetailsOf(db: Kysely<DB>, applicationId: string) {
  return db.selectFrom('incoming_details').selectAll().where('application_id', '=', applicationId).executeTakeFirst()
}

export async function writeVisaDetails(
  trx: Kysely<DB>,
  applicationId: string,
  values: {
    nationality: string
    date_of_birth: string
    passport_number: string
    passport_expires_on: string
    updated_by: string
    updated_at: Date
  },
) {
  await trx
    .insertInto('incoming_details')
    .values({ application_id: applicationId, ...values })
    .onConflict((oc) => oc.column('application_id').doUpdateSet(values))
    .execute()
}
