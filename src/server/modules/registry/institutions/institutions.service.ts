import type { Kysely } from 'kysely'
import { nearlySameName } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { reindexAgreements } from '../agreements/agreements.repository.js'
import {
  agreementsOfInstitutions,
  assertIdentifiersFree,
  firstUse,
  fullInstitution,
  identityColumns,
  indexColumns,
  insertInstitution,
  institutionByIdentifier,
  institutionDetailRow,
  institutionsInCountry,
  presentInstitution,
  replaceContacts,
  repointInstitution,
  unitsOf,
  updateInstitutionRow,
  writeUnits,
} from './institutions.repository.js'
import type { InstitutionDto, InstitutionInput } from './institutions.schema.js'

export type Similar = { institution: InstitutionDto; reason: 'erasmusCode' | 'schacId' | 'rorId' | 'name' }

/**
 * Institutions that look like the one described: the same identifier, or a near-identical name
 * (a typo or two apart once folded) in the same country.
 */
export async function findSimilar(
  db: Kysely<DB>,
  probe: { name?: string; country?: string; erasmusCode?: string | null; schacId?: string | null; rorId?: string | null },
  exclude?: string,
): Promise<Similar[]> {
  const found = new Map<string, Similar>()
  const ids = [
    ['erasmusCode', 'i.erasmus_code', probe.erasmusCode],
    ['schacId', 'i.schac_id', probe.schacId],
    ['rorId', 'i.ror_id', probe.rorId],
  ] as const
  for (const [reason, column, value] of ids) {
    if (!value) continue
    const row = await institutionByIdentifier(db, column, value, exclude)
    if (row && !found.has(row.id)) found.set(row.id, { institution: presentInstitution(row), reason })
  }
  if (probe.name && probe.country) {
    const key = indexColumns({ name: probe.name }).name_key
    for (const row of await institutionsInCountry(db, probe.country, exclude)) {
      if (!found.has(row.id) && nearlySameName(row.name_key, key)) {
        found.set(row.id, { institution: presentInstitution(row), reason: 'name' })
      }
    }
  }
  return [...found.values()].slice(0, 10)
}

async function loadFull(db: Kysely<DB>, id: string) {
  const { row, contacts, units } = await fullInstitution(db, id)
  if (!row || row.merged_into) throw AppError.notFound('The institution')
  return { row, contacts, units }
}

/** What the audit trail keeps of an institution: its fields, contacts and units, without the logo. */
function snapshot(full: Awaited<ReturnType<typeof loadFull>>) {
  return {
    ...presentInstitution(full.row),
    notes: full.row.notes,
    contacts: full.contacts,
    units: full.units,
  }
}

/** One institution with its contacts and units, in one query: one plan, one round trip. */
export async function getInstitutionDetail(deps: Deps, actor: Actor, id: string) {
  const row = await institutionDetailRow(deps.db, actor, id)
  if (!row) throw AppError.notFound('The institution')
  return {
    ...presentInstitution(row),
    // Notes are the office's own; a partner coordinator does not see them.
    notes: actor.role === 'partner' ? null : row.notes,
    contacts: row.contacts,
    units: row.units,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  }
}

function rowValues(input: InstitutionInput) {
  return {
    ...identityColumns(input),
    tags: input.tags,
    notes: input.notes,
    ...indexColumns({
      name: input.name,
      city: input.city,
      erasmus_code: input.erasmusCode,
      schac_id: input.schacId,
      ror_id: input.rorId,
      tags: input.tags,
    }),
  }
}

async function refuseLookalikes(trx: Kysely<DB>, input: InstitutionInput, selfId: string | null) {
  await assertIdentifiersFree(trx, selfId, input)
  if (input.confirmDuplicate) return
  const similar = (await findSimilar(trx, { name: input.name, country: input.country }, selfId ?? undefined)).filter(
    (s) => s.reason === 'name',
  )
  if (similar.length) {
    const names = similar.map((s) => s.institution.name).join(', ')
    throw new AppError(
      AppErrorCode.CONFLICT,
      `body.name: looks like ${names} in the same country. Open the existing one, or confirm that this is a different institution.`,
      { errors: [{ path: 'body.name', message: `looks like ${names}` }] },
    )
  }
}

/** Replaces the contacts and units with the given lists; units keep their ids, as agreements point at them. */
async function writeChildren(trx: Kysely<DB>, institutionId: string, input: InstitutionInput) {
  await replaceContacts(trx, institutionId, input.contacts)
  const existing = await unitsOf(trx, institutionId)
  const kept = new Set(input.units.filter((u) => u.id).map((u) => u.id))
  for (const [i, unit] of input.units.entries()) {
    if (unit.id && !existing.some((e) => e.id === unit.id)) {
      throw AppError.validation(`body.units.${i}.id`, 'is not a unit of this institution')
    }
  }
  const removed = existing.filter((e) => !kept.has(e.id)).map((e) => e.id)
  if (removed.length) {
    const used = await firstUse(trx, removed)
    if (used) {
      const name = existing.find((e) => e.id === used.unit)?.name
      throw new AppError(AppErrorCode.CONFLICT, `body.units: ${name} is still used by ${used.where}; keep it.`, {
        errors: [{ path: 'body.units', message: `${name} is still used by ${used.where}` }],
      })
    }
  }
  await writeUnits(trx, institutionId, removed, input.units)
}

export async function createInstitution(deps: Deps, ctx: Ctx, input: InstitutionInput) {
  return deps.db.transaction().execute(async (trx) => {
    await refuseLookalikes(trx, input, null)
    const id = await insertInstitution(trx, rowValues(input))
    await writeChildren(trx, id, input)
    const after = await loadFull(trx, id)
    await recordAudit(trx, ctx, { entityType: 'institution', entityId: id, action: 'create', after: snapshot(after) })
    return id
  })
}

export async function updateInstitution(deps: Deps, ctx: Ctx, id: string, input: InstitutionInput) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadFull(trx, id)
    await refuseLookalikes(trx, input, id)
    await updateInstitutionRow(trx, id, { ...rowValues(input), updated_at: new Date() })
    await writeChildren(trx, id, input)
    const after = await loadFull(trx, id)
    await recordAudit(trx, ctx, {
      entityType: 'institution',
      entityId: id,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    })
    await reindexAgreementsOf(trx, [id])
  })
}

/** Agreements carry their parties' names in their search document; refresh it after a rename or merge. */
export async function reindexAgreementsOf(trx: Kysely<DB>, institutionIds: string[]) {
  await reindexAgreements(trx, await agreementsOfInstitutions(trx, institutionIds))
}

/**
 * Merges a duplicate into the institution to keep: agreements, conditions, signatories, contacts,
 * units and accounts move over; identifiers the kept one lacks are taken over; the duplicate stays
 * as a record pointing at the kept one, so its history remains readable.
 */
export async function mergeInstitutions(deps: Deps, ctx: Ctx, duplicateId: string, keepId: string) {
  if (duplicateId === keepId) throw AppError.validation('body.into', 'must be another institution')
  return deps.db.transaction().execute(async (trx) => {
    const dup = await loadFull(trx, duplicateId)
    const keep = await loadFull(trx, keepId).catch(() => {
      throw AppError.validation('body.into', 'is not an institution')
    })
    if (dup.row.is_home) throw AppError.validation('params.id', 'is the home institution, which cannot be merged away')

    await repointInstitution(trx, duplicateId, keepId, { contacts: keep.contacts.length, units: keep.units }, dup.units)
    const takeOver = {
      erasmus_code: keep.row.erasmus_code ?? dup.row.erasmus_code,
      schac_id: keep.row.schac_id ?? dup.row.schac_id,
      ror_id: keep.row.ror_id ?? dup.row.ror_id,
      website: keep.row.website ?? dup.row.website,
      city: keep.row.city ?? dup.row.city,
      tags: [...new Set([...keep.row.tags, ...dup.row.tags])],
      notes: [keep.row.notes, dup.row.notes].filter(Boolean).join('\n\n') || null,
    }
    await updateInstitutionRow(trx, duplicateId, {
      merged_into: keepId,
      erasmus_code: null,
      schac_id: null,
      ror_id: null,
      updated_at: new Date(),
    })
    await updateInstitutionRow(trx, keepId, {
      ...takeOver,
      ...indexColumns({ ...keep.row, ...takeOver }),
      updated_at: new Date(),
    })
    const after = await loadFull(trx, keepId)
    await recordAudit(trx, ctx, {
      entityType: 'institution',
      entityId: duplicateId,
      action: 'merge_into',
      before: snapshot(dup),
      after: { mergedInto: keepId },
    })
    await recordAudit(trx, ctx, {
      entityType: 'institution',
      entityId: keepId,
      action: 'merge',
      before: snapshot(keep),
      after: snapshot(after),
    })
    await reindexAgreementsOf(trx, [keepId])
    return keepId
  })
}
