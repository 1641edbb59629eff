import type { Kysely } from 'kysely'
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
