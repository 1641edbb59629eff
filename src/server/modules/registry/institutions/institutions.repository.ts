import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import { fold } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import { searchDocument } from '../../../db/search.js'
import type { Actor } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { COUNT_CAP } from '../agreements/agreements.repository.js'
import { registryLists } from '../lists/registry-lists.js'
import type { HomeSettingsInput, InstitutionDto, InstitutionFilter } from './institutions.schema.js'

export const institutionColumns = [
  'i.id',
  'i.name',
  'i.kind',
  'i.country',
  'i.city',
  'i.website',
  'i.erasmus_code',
  'i.schac_id',
  'i.ror_id',
  'i.is_home',
  'i.tags',
] as const

type CoreRow = {
  id: string
  name: string
  kind: InstitutionDto['kind']
  country: string
  city: string | null
  website: string | null
  erasmus_code: string | null
  schac_id: string | null
  ror_id: string | null
  is_home: boolean
  tags: string[]
}

export function presentInstitution(row: CoreRow): InstitutionDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    city: row.city,
    website: row.website,
    erasmusCode: row.erasmus_code,
    schacId: row.schac_id,
    rorId: row.ror_id,
    isHome: row.is_home,
    tags: row.tags,
  }
}

/** The derived columns every write of an institution sets: the folded name and the search document. */
export function indexColumns(i: {
  name: string
  city?: string | null
  erasmus_code?: string | null
  schac_id?: string | null
  ror_id?: string | null
  tags?: string[]
}) {
  return {
    name_key: fold(i.name),
    search: searchDocument(i.name, i.city, i.erasmus_code, i.schac_id, i.ror_id, ...(i.tags ?? [])),
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000'

/** Institutions a person may see: a partner coordinator sees the home institution and their own. */
export function visibleInstitutions(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('institutions as i').where('i.merged_into', 'is', null)
  if (actor.role === 'partner') {
    q = q.where((eb) => eb.or([eb('i.is_home', '=', true), eb('i.id', '=', actor.institutionId ?? NO_ID)]))
  }
  return q
}

/** One page of the institutions a person may see, searched in memory (decision 023), with their count. */
export async function queryInstitutions(db: Kysely<DB>, actor: Actor, f: InstitutionFilter) {
  const window = { offset: (f.page - 1) * f.pageSize, limit: f.pageSize, cap: COUNT_CAP }
  const page = await registryLists(db).institutionPage(actor, f, window)
  return { items: page.items, total: page.total, totalCapped: page.capped }
}

/** The columns that say which institution this is, from a form's fields. */
export function identityColumns(
  input: Pick<HomeSettingsInput, 'name' | 'kind' | 'country' | 'city' | 'website' | 'erasmusCode' | 'schacId' | 'rorId'>,
) {
  return {
    name: input.name,
    kind: input.kind,
    country: input.country,
    city: input.city,
    website: input.website,
    erasmus_code: input.erasmusCode,
    schac_id: input.schacId,
    ror_id: input.rorId,
  }
}

/** Refuses (409, naming the field and the holder) an identifier another institution already has. */
export async function assertIdentifiersFree(
  trx: Kysely<DB>,
  selfId: string | null,
  input: Pick<HomeSettingsInput, 'erasmusCode' | 'schacId' | 'rorId'>,
) {
  const checks = [
    ['erasmus_code', input.erasmusCode, 'body.erasmusCode'],
    ['schac_id', input.schacId, 'body.schacId'],
    ['ror_id', input.rorId, 'body.rorId'],
  ] as const
  for (const [column, value, path] of checks) {
    if (!value) continue
    const other = await trx
      .selectFrom('institutions')
      .select('name')
      .where(column, '=', value)
      .where('id', '<>', selfId ?? '00000000-0000-0000-0000-000000000000')
      .executeTakeFirst()
    if (other) {
      throw new AppError(AppErrorCode.CONFLICT, `${path}: ${value} already belongs to ${other.name}.`, {
        errors: [{ path, message: `already belongs to ${other.name}` }],
      })
    }
  }
}

/** Institutions not merged away (but `exclude`), with one identifier's value. */
export function institutionByIdentifier(
  db: Kysely<DB>,
  column: 'i.erasmus_code' | 'i.schac_id' | 'i.ror_id',
  value: string,
  exclude?: string,
) {
  let q = db
    .selectFrom('institutions as i')
    .select(institutionColumns)
    .where('i.merged_into', 'is', null)
    .where(column, '=', value)
  if (exclude) q = q.where('i.id', '<>', exclude)
  return q.executeTakeFirst()
}

/** Institutions of a country not merged away (but `exclude`), with their folded names, for a near-match. */
export function institutionsInCountry(db: Kysely<DB>, country: string, exclude?: string) {
  let q = db
    .selectFrom('institutions as i')
    .select([...institutionColumns, 'i.name_key'])
    .where('i.merged_into', 'is', null)
    .where('i.country', '=', country)
  if (exclude) q = q.where('i.id', '<>', exclude)
  return q.limit(5000).execute()
}

/** An institution's row with its contacts and units (none if it does not exist). */
export async function fullInstitution(db: Kysely<DB>, id: string) {
  const [row, contacts, units] = await Promise.all([
    db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst(),
    db
      .selectFrom('institution_contacts')
      .select(['id', 'name', 'role', 'email', 'phone'])
      .where('institution_id', '=', id)
      .orderBy('position')
      .execute(),
    db.selectFrom('org_units').select(['id', 'name', 'code']).where('institution_id', '=', id).orderBy('name').execute(),
  ])
  return { row, contacts, units }
}

type Contact = { id: string; name: string; role: string | null; email: string | null; phone: string | null }
type Unit = { id: string; name: string; code: string | null }

/** One institution the person may see, with its contacts and units, in one query: one plan, one round trip. */
export function institutionDetailRow(db: Kysely<DB>, actor: Actor, id: string) {
  return visibleInstitutions(db, actor)
    .select([
      ...institutionColumns,
      'i.notes',
      'i.created_at',
      'i.updated_at',
      sql<Contact[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'role', c.role,
        'email', c.email, 'phone', c.phone) order by c.position, c.created_at), '[]')
        from institution_contacts c where c.institution_id = i.id)`.as('contacts'),
      sql<Unit[]>`(select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'code', o.code) order by o.name), '[]')
        from org_units o where o.institution_id = i.id)`.as('units'),
    ])
    .where('i.id', '=', id)
    .executeTakeFirst()
}

export async function replaceContacts(
  trx: Kysely<DB>,
  institutionId: string,
  contacts: { id?: string; name: string; role: string | null; email: string | null; phone: string | null }[],
) {
  await trx.deleteFrom('institution_contacts').where('institution_id', '=', institutionId).execute()
  if (contacts.length)
    await trx
      .insertInto('institution_contacts')
      .values(
        contacts.map((c, position) => ({
          ...(c.id ? { id: c.id } : {}),
          institution_id: institutionId,
          position,
          name: c.name,
          role: c.role,
          email: c.email,
          phone: c.phone,
        })),
      )
      .execute()
}

export function unitsOf(trx: Kysely<DB>, institutionId: string) {
  return trx.selectFrom('org_units').select(['id', 'name']).where('institution_id', '=', institutionId).execute()
}

/** Where one of these units is still used (an agreement's party or condition, an account), if anywhere. */
export async function firstUse(trx: Kysely<DB>, unitIds: string[]) {
  const party = await trx
    .selectFrom('agreement_parties')
    .select('org_unit_id as unit')
    .where('org_unit_id', 'in', unitIds)
    .executeTakeFirst()
  if (party) return { unit: party.unit!, where: 'an agreement' }
  const cond = await trx
    .selectFrom('agreement_conditions')
    .select(['sending_unit_id', 'receiving_unit_id'])
    .where((eb) => eb.or([eb('sending_unit_id', 'in', unitIds), eb('receiving_unit_id', 'in', unitIds)]))
    .executeTakeFirst()
  if (cond)
    return {
      unit: unitIds.includes(cond.sending_unit_id ?? '') ? cond.sending_unit_id! : cond.receiving_unit_id!,
      where: 'an agreement',
    }
  const user = await trx.selectFrom('users').select('org_unit_id as unit').where('org_unit_id', 'in', unitIds).executeTakeFirst()
  if (user) return { unit: user.unit!, where: 'a user account' }
  return null
}

/** Deletes the units removed, then writes the kept ones (names freed first, as they are unique) and adds the new ones. */
export async function writeUnits(
  trx: Kysely<DB>,
  institutionId: string,
  removed: string[],
  units: { id?: string; name: string; code: string | null }[],
) {
  if (removed.length) await trx.deleteFrom('org_units').where('id', 'in', removed).execute()
  for (const unit of units)
    if (unit.id)
      await trx
        .updateTable('org_units')
        .set({ name: `~renaming ${unit.id}` })
        .where('id', '=', unit.id)
        .execute()
  for (const unit of units) {
    if (unit.id) await trx.updateTable('org_units').set({ name: unit.name, code: unit.code }).where('id', '=', unit.id).execute()
    else await trx.insertInto('org_units').values({ institution_id: institutionId, name: unit.name, code: unit.code }).execute()
  }
}

export async function insertInstitution(trx: Kysely<DB>, values: Insertable<DB['institutions']>): Promise<string> {
  return (await trx.insertInto('institutions').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateInstitutionRow(trx: Kysely<DB>, id: string, values: Updateable<DB['institutions']>) {
  await trx.updateTable('institutions').set(values).where('id', '=', id).execute()
}

/** The agreements these institutions are parties to. */
export async function agreementsOfInstitutions(trx: Kysely<DB>, institutionIds: string[]): Promise<string[]> {
  const rows = await trx
    .selectFrom('agreement_parties')
    .select('agreement_id')
    .where('institution_id', 'in', institutionIds)
    .execute()
  return [...new Set(rows.map((r) => r.agreement_id))]
}

/**
 * Points every reference to the duplicate at the institution kept: agreements (one party row where
 * both were parties), conditions, signatories, accounts, invitations, contacts (after the kept
 * one's), and units (merged into a kept unit of the same name, or moved over).
 */
export async function repointInstitution(
  trx: Kysely<DB>,
  duplicateId: string,
  keepId: string,
  keep: { contacts: number; units: { id: string; name: string }[] },
  duplicateUnits: { id: string; name: string }[],
) {
  const both = await trx
    .selectFrom('agreement_parties as a')
    .innerJoin('agreement_parties as b', 'b.agreement_id', 'a.agreement_id')
    .select('a.agreement_id')
    .where('a.institution_id', '=', duplicateId)
    .where('b.institution_id', '=', keepId)
    .execute()
  if (both.length)
    await trx
      .deleteFrom('agreement_parties')
      .where('institution_id', '=', duplicateId)
      .where(
        'agreement_id',
        'in',
        both.map((b) => b.agreement_id),
      )
      .execute()
  await trx.updateTable('agreement_parties').set({ institution_id: keepId }).where('institution_id', '=', duplicateId).execute()
  await trx
    .updateTable('agreement_conditions')
    .set({ sending_institution_id: keepId })
    .where('sending_institution_id', '=', duplicateId)
    .execute()
  await trx
    .updateTable('agreement_conditions')
    .set({ receiving_institution_id: keepId })
    .where('receiving_institution_id', '=', duplicateId)
    .execute()
  await trx
    .updateTable('agreement_signatories')
    .set({ institution_id: keepId })
    .where('institution_id', '=', duplicateId)
    .execute()
  await trx.updateTable('users').set({ institution_id: keepId }).where('institution_id', '=', duplicateId).execute()
  await trx.updateTable('invitations').set({ institution_id: keepId }).where('institution_id', '=', duplicateId).execute()
  await trx
    .updateTable('institution_contacts')
    .set((eb) => ({ institution_id: keepId, position: eb('position', '+', keep.contacts) }))
    .where('institution_id', '=', duplicateId)
    .execute()
  for (const unit of duplicateUnits) {
    const same = keep.units.find((u) => u.name.toLowerCase() === unit.name.toLowerCase())
    if (!same) {
      await trx.updateTable('org_units').set({ institution_id: keepId }).where('id', '=', unit.id).execute()
      continue
    }
    for (const [table, column] of [
      ['agreement_parties', 'org_unit_id'],
      ['agreement_conditions', 'sending_unit_id'],
      ['agreement_conditions', 'receiving_unit_id'],
      ['users', 'org_unit_id'],
      ['invitations', 'org_unit_id'],
    ] as const)
      await trx
        .updateTable(table)
        .set({ [column]: same.id })
        .where(column, '=', unit.id)
        .execute()
    await trx.deleteFrom('org_units').where('id', '=', unit.id).execute()
  }
}

/** The home institution's units, by name. */
export function homeUnits(db: Kysely<DB>) {
  return db
    .selectFrom('org_units as o')
    .innerJoin('institutions as i', 'i.id', 'o.institution_id')
    .select(['o.id', 'o.name', 'o.code'])
    .where('i.is_home', '=', true)
    .orderBy('o.name')
    .execute()
}

export function homeInstitutionRow(db: Kysely<DB>) {
  return db.selectFrom('institutions').selectAll().where('is_home', '=', true).executeTakeFirst()
}

/** Whether any active demo account exists (its addresses end in the demo domain). */
export async function hasDemoAccounts(db: Kysely<DB>, domain: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'like', `%@${domain}`)
    .where('active', '=', true)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Writes an institution's row and answers it as it now is. */
export function updateInstitutionReturning(trx: Kysely<DB>, id: string, values: Updateable<DB['institutions']>) {
  return trx.updateTable('institutions').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export function homeLogoRow(db: Kysely<DB>) {
  return db.selectFrom('institutions').select(['logo', 'logo_mime']).where('is_home', '=', true).executeTakeFirst()
}

export function institutionRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export async function homeInstitutionId(db: Kysely<DB>): Promise<string> {
  return (await db.selectFrom('institutions').select('id').where('is_home', '=', true).executeTakeFirstOrThrow()).id
}

/** Adds a contact to an institution unless one with the same e-mail (or, without one, the same name) is there. */
export async function addContactIfNew(
  trx: Kysely<DB>,
  institutionId: string,
  c: { name: string; email: string | null; phone: string | null; position?: number },
) {
  const known = await trx
    .selectFrom('institution_contacts')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where((eb) => (c.email ? eb('email', '=', c.email) : eb('name', '=', c.name)))
    .executeTakeFirst()
  if (known) return
  await trx
    .insertInto('institution_contacts')
    .values({
      institution_id: institutionId,
      name: c.name,
      email: c.email,
      phone: c.phone,
      role: null,
      ...(c.position ? { position: c.position } : {}),
    })
    .execute()
}

/** Every institution not merged away with its identifiers and folded name: what an import matches rows against. */
export function matchableInstitutions(db: Kysely<DB>) {
  return db
    .selectFrom('institutions')
    .select(['id', 'name_key', 'country', 'erasmus_code', 'schac_id', 'ror_id'])
    .where('merged_into', 'is', null)
    .execute()
}
