import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { AgreementConditionRow, DB, PartySummary } from '../../../db/schema.js'
import { searchDocument } from '../../../db/search.js'
import type { Actor } from '../../../http/context.js'
import { iso } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { registryLists } from '../lists/registry-lists.js'
import type { AgreementFilter, AgreementListItem, ConditionInput } from './agreements.schema.js'

const NO_ID = '00000000-0000-0000-0000-000000000000'

/** Agreements a person may see: a partner coordinator only those their institution is a party to. */
export function visibleAgreements(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('agreements as a')
  if (actor.role === 'partner') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('agreement_parties as vp')
          .select('vp.agreement_id')
          .whereRef('vp.agreement_id', '=', 'a.id')
          .where('vp.institution_id', '=', actor.institutionId ?? NO_ID),
      ),
    )
  }
  return q
}

/** The columns of a list item: the parties and places are kept on the row (reindexAgreements), so a page is one table. */
function itemColumns(q: ReturnType<typeof visibleAgreements>) {
  return q
    .leftJoin('users as u', 'u.id', 'a.responsible_id')
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.kind',
      'a.status',
      'a.start_date',
      'a.end_date',
      'a.updated_at',
      'a.mobility_types',
      'a.party_summary',
      'a.places_per_year',
      'u.id as responsible_id',
      'u.name as responsible_name',
    ])
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemColumns>['execute']>>[number]

function presentItem(a: ItemRow): AgreementListItem {
  return {
    id: a.id,
    reference: a.reference,
    title: a.title,
    kind: a.kind,
    status: a.status,
    startDate: a.start_date,
    endDate: a.end_date,
    parties: a.party_summary,
    responsible: a.responsible_id ? { id: a.responsible_id, name: a.responsible_name ?? '' } : null,
    mobilityTypes: a.mobility_types as AgreementListItem['mobilityTypes'],
    placesPerYear: a.places_per_year,
    updatedAt: iso(a.updated_at) as string,
  }
}

/** Lists count their matches up to this many; beyond it they say "more than". */
export const COUNT_CAP = 1000

/** One page of the agreements a person may see, searched in memory (decision 023), with their count. */
export async function queryAgreements(db: Kysely<DB>, actor: Actor, f: AgreementFilter, today: string) {
  const window = { offset: (f.page - 1) * f.pageSize, limit: f.pageSize, cap: COUNT_CAP }
  const page = await registryLists(db).agreementPage(actor, f, window, today)
  return { items: page.items, total: page.total, totalCapped: page.capped }
}

/** Every matching agreement, in the list's order, for an export (at most `limit`). */
export async function exportAgreements(db: Kysely<DB>, actor: Actor, f: AgreementFilter, limit: number) {
  return (await registryLists(db).agreementPage(actor, f, { offset: 0, limit, cap: limit }, todayUtc())).items
}

/** List items for the given ids, in that order. */
export async function listItems(db: Kysely<DB>, ids: string[]): Promise<AgreementListItem[]> {
  if (ids.length === 0) return []
  const rows = await itemColumns(db.selectFrom('agreements as a').where('a.id', 'in', ids)).execute()
  const byId = new Map(rows.map((r) => [r.id, presentItem(r)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export function presentCondition(c: AgreementConditionRow) {
  return {
    id: c.id,
    mobilityType: c.mobility_type,
    sendingInstitutionId: c.sending_institution_id,
    sendingUnitId: c.sending_unit_id,
    receivingInstitutionId: c.receiving_institution_id,
    receivingUnitId: c.receiving_unit_id,
    academicYearFrom: c.academic_year_from,
    academicYearTo: c.academic_year_to,
    mobilitiesPerYear: c.mobilities_per_year,
    totalMonthsPerYear: c.total_months_per_year === null ? null : Number(c.total_months_per_year),
    totalDaysPerYear: c.total_days_per_year,
    subjectAreas: c.subject_areas,
    eqfLevels: c.eqf_levels,
    languageSkills: c.language_skills,
    blended: c.blended,
    otherTerms: c.other_terms,
  }
}

/**
 * Rewrites what the list searches, filters on and shows, from the agreements' own rows: the
 * search document (reference, title, parties' names, codes and cities), the arrays of partners'
 * countries, mobility types and ISCED-F prefixes, the parties as listed and the places per year.
 */
export async function reindexAgreements(db: Kysely<DB>, ids: string[]) {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const [rows, parties, conditions] = await Promise.all([
      db.selectFrom('agreements').select(['id', 'reference', 'title']).where('id', 'in', chunk).execute(),
      db
        .selectFrom('agreement_parties as p')
        .innerJoin('institutions as i', 'i.id', 'p.institution_id')
        .leftJoin('org_units as o', 'o.id', 'p.org_unit_id')
        .select([
          'p.agreement_id',
          'p.institution_id',
          'p.org_unit_id',
          'o.name as org_unit_name',
          'i.name',
          'i.city',
          'i.erasmus_code',
          'i.schac_id',
          'i.country',
          'i.is_home',
        ])
        .where('p.agreement_id', 'in', chunk)
        .orderBy('p.position')
        .execute(),
      db
        .selectFrom('agreement_conditions')
        .select(['agreement_id', 'mobility_type', 'subject_areas', 'mobilities_per_year'])
        .where('agreement_id', 'in', chunk)
        .execute(),
    ])
    for (const row of rows) {
      await db
        .updateTable('agreements')
        .set(
          derivedColumns(
            row,
            parties.filter((p) => p.agreement_id === row.id),
            conditions.filter((c) => c.agreement_id === row.id),
          ),
        )
        .where('id', '=', row.id)
        .execute()
    }
  }
}

interface PartyFacts {
  institution_id: string
  org_unit_id: string | null
  org_unit_name: string | null
  name: string
  city: string | null
  erasmus_code: string | null
  schac_id: string | null
  country: string
  is_home: boolean
}

interface ConditionFacts {
  mobility_type: string
  subject_areas: { isced: string }[]
  mobilities_per_year: number | null
}

/** Everything an agreement's row holds about its parties and conditions, with the parties in order. */
export function derivedColumns(a: { reference: string; title: string }, parties: PartyFacts[], conditions: ConditionFacts[]) {
  const prefixes = conditions.flatMap((c) => c.subject_areas.flatMap((s) => [s.isced.slice(0, 2), s.isced.slice(0, 3), s.isced]))
  const summary: PartySummary[] = parties.map((p) => ({
    institutionId: p.institution_id,
    name: p.name,
    country: p.country,
    isHome: p.is_home,
    orgUnitId: p.org_unit_id,
    orgUnitName: p.org_unit_name,
  }))
  const places = conditions.filter((c) => c.mobilities_per_year !== null)
  return {
    search: searchDocument(a.reference, a.title, ...parties.flatMap((p) => [p.name, p.city, p.erasmus_code, p.schac_id])),
    partner_countries: [...new Set(parties.filter((p) => !p.is_home).map((p) => p.country))],
    mobility_types: [...new Set(conditions.map((c) => c.mobility_type))],
    isced_prefixes: [...new Set(prefixes.filter((p) => p.length >= 2))],
    party_summary: JSON.stringify(summary),
    places_per_year: places.length ? places.reduce((n, c) => n + c.mobilities_per_year!, 0) : null,
  }
}

/** Who can be made responsible for an agreement: the active officers and administrators, by name. */
export const possibleResponsibles = (db: Kysely<DB>) =>
  db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('role', 'in', ['officer', 'admin'])
    .where('active', '=', true)
    .orderBy('name')
    .execute()

/** What an agreement's detail shows beside its list item: conditions, signatories, files, and the agreements it renews or is renewed by. */
export async function agreementParts(db: Kysely<DB>, id: string, predecessorId: string | null) {
  const [conditions, signatories, files, predecessor, successor] = await Promise.all([
    db.selectFrom('agreement_conditions').selectAll().where('agreement_id', '=', id).orderBy('position').execute(),
    db.selectFrom('agreement_signatories').selectAll().where('agreement_id', '=', id).orderBy('created_at').execute(),
    db
      .selectFrom('agreement_files as f')
      .leftJoin('users as u', 'u.id', 'f.uploaded_by')
      .select([
        'f.id',
        'f.kind',
        'f.file_name',
        'f.mime',
        'f.size',
        'f.version',
        'f.sha256',
        'f.uploaded_at',
        'u.name as uploader',
      ])
      .where('f.agreement_id', '=', id)
      .orderBy('f.file_name')
      .orderBy('f.version', 'desc')
      .execute(),
    predecessorId
      ? db.selectFrom('agreements').select(['id', 'reference']).where('id', '=', predecessorId).executeTakeFirst()
      : undefined,
    db.selectFrom('agreements').select(['id', 'reference', 'status']).where('predecessor_id', '=', id).executeTakeFirst(),
  ])
  return { conditions, signatories, files, predecessor, successor }
}

/** The institutions, units and responsible person an agreement's input names, as found. */
export async function referencedRecords(
  trx: Kysely<DB>,
  institutionIds: string[],
  unitIds: string[],
  responsibleId: string | null,
) {
  const [institutions, units, responsible] = await Promise.all([
    trx.selectFrom('institutions').select(['id', 'is_home', 'merged_into']).where('id', 'in', institutionIds).execute(),
    unitIds.length ? trx.selectFrom('org_units').select(['id', 'institution_id']).where('id', 'in', unitIds).execute() : [],
    responsibleId
      ? trx.selectFrom('users').select(['role', 'active']).where('id', '=', responsibleId).executeTakeFirst()
      : undefined,
  ])
  return { institutions, units, responsible }
}

function conditionRows(agreementId: string, conditions: ConditionInput[]) {
  return conditions.map((c, position) => ({
    agreement_id: agreementId,
    position,
    mobility_type: c.mobilityType,
    sending_institution_id: c.sendingInstitutionId,
    sending_unit_id: c.sendingUnitId,
    receiving_institution_id: c.receivingInstitutionId,
    receiving_unit_id: c.receivingUnitId,
    academic_year_from: c.academicYearFrom,
    academic_year_to: c.academicYearTo,
    mobilities_per_year: c.mobilitiesPerYear,
    total_months_per_year: c.totalMonthsPerYear,
    total_days_per_year: c.totalDaysPerYear,
    subject_areas: JSON.stringify(c.subjectAreas),
    eqf_levels: c.eqfLevels,
    language_skills: JSON.stringify(c.languageSkills),
    blended: c.blended,
    other_terms: c.otherTerms,
  }))
}

/** Replaces an agreement's conditions. */
export async function replaceConditions(trx: Kysely<DB>, id: string, conditions: ConditionInput[]) {
  await trx.deleteFrom('agreement_conditions').where('agreement_id', '=', id).execute()
  if (conditions.length) await trx.insertInto('agreement_conditions').values(conditionRows(id, conditions)).execute()
}

/** Replaces the parties and conditions; signatories of an institution that is no longer a party go with it. */
export async function writeTerms(
  trx: Kysely<DB>,
  id: string,
  input: { parties: { institutionId: string; orgUnitId: string | null }[]; conditions: ConditionInput[] },
) {
  await replaceConditions(trx, id, [])
  await trx.deleteFrom('agreement_parties').where('agreement_id', '=', id).execute()
  await trx
    .insertInto('agreement_parties')
    .values(
      input.parties.map((p, position) => ({
        agreement_id: id,
        institution_id: p.institutionId,
        org_unit_id: p.orgUnitId,
        position,
      })),
    )
    .execute()
  if (input.conditions.length) await trx.insertInto('agreement_conditions').values(conditionRows(id, input.conditions)).execute()
  await trx
    .deleteFrom('agreement_signatories')
    .where('agreement_id', '=', id)
    .where(
      'institution_id',
      'not in',
      input.parties.map((p) => p.institutionId),
    )
    .execute()
}

/** The next reference in the year: AGR-2026-0042. */
export async function nextReference(trx: Kysely<DB>, today: string): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('agreement_reference_seq')::text as n`.execute(trx)
  return `AGR-${today.slice(0, 4)}-${rows[0]!.n.padStart(4, '0')}`
}

export async function insertAgreement(trx: Kysely<DB>, values: Insertable<DB['agreements']>): Promise<string> {
  return (await trx.insertInto('agreements').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateAgreementRow(trx: Kysely<DB>, id: string, values: Updateable<DB['agreements']>) {
  await trx.updateTable('agreements').set(values).where('id', '=', id).execute()
}

/** Marks the agreement changed now (its terms, files or signatories moved). */
export async function touchAgreement(trx: Kysely<DB>, id: string) {
  await updateAgreementRow(trx, id, { updated_at: new Date() })
}

export async function lockAgreement(trx: Kysely<DB>, id: string) {
  await trx.selectFrom('agreements').select('id').where('id', '=', id).forUpdate().execute()
}

export async function replaceSignatories(
  trx: Kysely<DB>,
  id: string,
  signatories: { institutionId: string; name: string; position: string | null; signedOn: string | null }[],
) {
  await trx.deleteFrom('agreement_signatories').where('agreement_id', '=', id).execute()
  if (signatories.length)
    await trx
      .insertInto('agreement_signatories')
      .values(
        signatories.map((s) => ({
          agreement_id: id,
          institution_id: s.institutionId,
          name: s.name,
          position: s.position,
          signed_on: s.signedOn,
        })),
      )
      .execute()
}

/** The home institution's name, for the agreement's printout. */
export async function homeName(db: Kysely<DB>): Promise<string | undefined> {
  return (await db.selectFrom('institutions').select(['name']).where('is_home', '=', true).executeTakeFirst())?.name
}

/** The newest bilateral exchange with the partner still being drafted or negotiated, which imported places join. */
export async function draftExchangeWith(trx: Kysely<DB>, partnerId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('agreements as a')
    .innerJoin('agreement_parties as p', 'p.agreement_id', 'a.id')
    .select('a.id')
    .where('p.institution_id', '=', partnerId)
    .where('a.kind', '=', 'bilateral_exchange')
    .where('a.status', 'in', ['draft', 'negotiation'])
    .orderBy('a.created_at', 'desc')
    .executeTakeFirst()
  return row?.id
}

/** Per country of partners (not merged away): institutions, agreements in force, and partners with one. */
export async function countryRows(db: Kysely<DB>) {
  const { rows } = await sql<{ country: string; institutions: number; agreements_in_force: number; partners_in_force: number }>`
    select i.country,
      count(distinct i.id)::int as institutions,
      count(distinct a.id) filter (where a.status in ('active','expiring'))::int as agreements_in_force,
      count(distinct i.id) filter (where a.status in ('active','expiring'))::int as partners_in_force
    from institutions i
    left join agreement_parties p on p.institution_id = i.id
    left join agreements a on a.id = p.agreement_id
    where not i.is_home and i.merged_into is null
    group by i.country
    order by i.country`.execute(db)
  return rows
}
