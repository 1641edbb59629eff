import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

// The imports' own records: the uploads and the column mappings remembered per header row. What
// an import writes goes through the registry's and the catalog's repositories and services.

export function uploadOf(db: Kysely<DB>, id: string, userId: string) {
  return db.selectFrom('import_uploads').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}

export async function insertUpload(
  trx: Kysely<DB>,
  values: { user_id: string; kind: string; file_name: string; content: Buffer },
) {
  return (await trx.insertInto('import_uploads').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function markCommitted(trx: Kysely<DB>, id: string) {
  await trx.updateTable('import_uploads').set({ committed_at: new Date() }).where('id', '=', id).execute()
}

export async function rememberedMapping(db: Kysely<DB>, kind: string, headerKey: string) {
  return (
    await db
      .selectFrom('import_mappings')
      .select('mapping')
      .where('kind', '=', kind)
      .where('header_key', '=', headerKey)
      .executeTakeFirst()
  )?.mapping
}

export async function rememberMapping(trx: Kysely<DB>, kind: string, headerKey: string, mapping: unknown) {
  await trx
    .insertInto('import_mappings')
    .values({ kind, header_key: headerKey, mapping: JSON.stringify(mapping) })
    .onConflict((oc) =>
      oc.columns(['kind', 'header_key']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_at: new Date() }),
    )
    .execute()
}

/** The call an import of opportunities names, as far as the import needs it. */
export function importCall(db: Kysely<DB>, callId: string) {
  return db.selectFrom('calls').select(['id', 'audience', 'status', 'closes_at']).where('id', '=', callId).executeTakeFirst()
}

/** What rows of opportunities are matched against: hosts, the agreements in force with them, and the opportunities not archived. */
export async function opportunityMatchSources(db: Kysely<DB>) {
  const [hosts, agreements, existing] = await Promise.all([
    db
      .selectFrom('institutions')
      .select(['id', 'name', 'name_key', 'country', 'erasmus_code'])
      .where('merged_into', 'is', null)
      .execute(),
    db
      .selectFrom('agreement_parties as p')
      .innerJoin('agreements as a', 'a.id', 'p.agreement_id')
      .select(['p.institution_id', 'a.id', 'a.mobility_types', 'a.status'])
      .where('a.status', 'in', ['signed', 'active', 'expiring'])
      .execute(),
    db
      .selectFrom('opportunities')
      .select(['id', 'host_institution_id', 'kind', 'direction', 'isced', 'title'])
      .where('status', '!=', 'archived')
      .execute(),
  ])
  return { hosts, agreements, existing }
}

/** The last position among a call's offers (0 without any). */
export async function lastOfferPosition(trx: Kysely<DB>, callId: string): Promise<number> {
  return (
    (
      await trx
        .selectFrom('call_offers')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('call_id', '=', callId)
        .executeTakeFirst()
    )?.p ?? 0
  )
}

export async function placesTaken(trx: Kysely<DB>, callId: string, opportunityId: string): Promise<number | undefined> {
  return (
    await trx
      .selectFrom('call_offers')
      .select('places_taken')
      .where('call_id', '=', callId)
      .where('opportunity_id', '=', opportunityId)
      .executeTakeFirst()
  )?.places_taken
}

/** Offers the opportunity in the call with these places (the places change when it is offered already). */
export async function upsertOffer(trx: Kysely<DB>, callId: string, opportunityId: string, places: number, position: number) {
  await trx
    .insertInto('call_offers')
    .values({ call_id: callId, opportunity_id: opportunityId, places, position })
    .onConflict((oc) => oc.columns(['call_id', 'opportunity_id']).doUpdateSet({ places }))
    .execute()
}

export async function touchCall(trx: Kysely<DB>, callId: string) {
  await trx.updateTable('calls').set({ updated_at: new Date() }).where('id', '=', callId).execute()
}
