import { type Kysely, sql } from 'kysely'
import { nearlySameName } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { reindexAgreements } from '../agreements/agreements.repository.js'
import {
  assertIdentifiersFree,
  identityColumns,
  indexColumns,
  institutionColumns,
  presentInstitution,
  visibleInstitutions,
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
  const base = () => {
    let q = db.selectFrom('institutions as i').select(institutionColumns).where('i.merged_into', 'is', null)
    if (exclude) q = q.where('i.id', '<>', exclude)
    return q
  }
  const ids = [
    ['erasmusCode', 'i.erasmus_code', probe.erasmusCode],
    ['schacId', 'i.schac_id', probe.schacId],
    ['rorId', 'i.ror_id', probe.rorId],
  ] as const
  for (const [reason, column, value] of ids) {
    if (!value) continue
    const row = await base().where(column, '=', value).executeTakeFirst()
    if (row && !found.has(row.id)) found.set(row.id, { institution: presentInstitution(row), reason })
  }
  if (probe.name && probe.country) {
    const key = indexColumns({ name: probe.name }).name_key
    const rows = await base().select('i.name_key').where('i.country', '=', probe.country).limit(5000).execute()
    for (const row of rows) {
      if (!found.has(row.id) && nearlySameName(row.name_key, key)) {
        found.set(row.id, { institution: presentInstitution(row), reason: 'name' })
      }
    }
  }
  return [...found.values()].slice(0, 10)
}

async function loadFull(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || row.merged_into) throw AppError.notFound('The institution')
  const [contacts, units] = await Promise.all([
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
  const row = await visibleInstitutions(deps.db, actor)
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

type Contact = { id: string; name: string; role: string | null; email: string | null; phone: string | null }
type Unit = { id: string; name: string; code: string | null }

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
  await trx.deleteFrom('institution_contacts').where('institution_id', '=', institutionId).execute()
  if (input.contacts.length) {
    await trx
      .insertInto('institution_contacts')
      .values(
        input.contacts.map((c, position) => ({
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
  const existing = await trx.selectFrom('org_units').select(['id', 'name']).where('institution_id', '=', institutionId).execute()
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
    await trx.deleteFrom('org_units').where('id', 'in', removed).execute()
  }
  for (const unit of input.units) {
    if (unit.id) {
      await trx
        .updateTable('org_units')
        .set({ name: `~renaming ${unit.id}` })
        .where('id', '=', unit.id)
        .execute()
    }
  }
  for (const unit of input.units) {
    if (unit.id) await trx.updateTable('org_units').set({ name: unit.name, code: unit.code }).where('id', '=', unit.id).execute()
    else await trx.insertInto('org_units').values({ institution_id: institutionId, name: unit.name, code: unit.code }).execute()
  }
}

async function firstUse(trx: Kysely<DB>, unitIds: string[]) {
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

export async function createInstitution(deps: Deps, ctx: Ctx, input: InstitutionInput) {
  return deps.db.transaction().execute(async (trx) => {
    await refuseLookalikes(trx, input, null)
    const row = await trx.insertInto('institutions').values(rowValues(input)).returning('id').executeTakeFirstOrThrow()
    await writeChildren(trx, row.id, input)
    const after = await loadFull(trx, row.id)
    await recordAudit(trx, ctx, { entityType: 'institution', entityId: row.id, action: 'create', after: snapshot(after) })
    return row.id
  })
}

export async function updateInstitution(deps: Deps, ctx: Ctx, id: string, input: InstitutionInput) {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadFull(trx, id)
    await refuseLookalikes(trx, input, id)
    await trx
      .updateTable('institutions')
      .set({ ...rowValues(input), updated_at: new Date() })
      .where('id', '=', id)
      .execute()
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
  const rows = await trx
    .selectFrom('agreement_parties')
    .select('agreement_id')
    .where('institution_id', 'in', institutionIds)
    .execute()
  await reindexAgreements(trx, [...new Set(rows.map((r) => r.agreement_id))])
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

    // Agreements that already list both keep one party row.
    const both = await trx
      .selectFrom('agreement_parties as a')
      .innerJoin('agreement_parties as b', 'b.agreement_id', 'a.agreement_id')
      .select('a.agreement_id')
      .where('a.institution_id', '=', duplicateId)
      .where('b.institution_id', '=', keepId)
      .execute()
    if (both.length) {
      await trx
        .deleteFrom('agreement_parties')
        .where('institution_id', '=', duplicateId)
        .where(
          'agreement_id',
          'in',
          both.map((b) => b.agreement_id),
        )
        .execute()
    }
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
    const position = keep.contacts.length
    await trx
      .updateTable('institution_contacts')
      .set((eb) => ({ institution_id: keepId, position: eb('position', '+', position) }))
      .where('institution_id', '=', duplicateId)
      .execute()
    for (const unit of dup.units) {
      const same = keep.units.find((u) => u.name.toLowerCase() === unit.name.toLowerCase())
      if (same) {
        for (const [table, column] of [
          ['agreement_parties', 'org_unit_id'],
          ['agreement_conditions', 'sending_unit_id'],
          ['agreement_conditions', 'receiving_unit_id'],
          ['users', 'org_unit_id'],
          ['invitations', 'org_unit_id'],
        ] as const) {
          await trx
            .updateTable(table)
            .set({ [column]: same.id })
            .where(column, '=', unit.id)
            .execute()
        }
        await trx.deleteFrom('org_units').where('id', '=', unit.id).execute()
      } else {
        await trx.updateTable('org_units').set({ institution_id: keepId }).where('id', '=', unit.id).execute()
      }
    }
    const takeOver = {
      erasmus_code: keep.row.erasmus_code ?? dup.row.erasmus_code,
      schac_id: keep.row.schac_id ?? dup.row.schac_id,
      ror_id: keep.row.ror_id ?? dup.row.ror_id,
      website: keep.row.website ?? dup.row.website,
      city: keep.row.city ?? dup.row.city,
      tags: [...new Set([...keep.row.tags, ...dup.row.tags])],
      notes: [keep.row.notes, dup.row.notes].filter(Boolean).join('\n\n') || null,
    }
    await trx
      .updateTable('institutions')
      .set({ merged_into: keepId, erasmus_code: null, schac_id: null, ror_id: null, updated_at: new Date() })
      .where('id', '=', duplicateId)
      .execute()
    await trx
      .updateTable('institutions')
      .set({ ...takeOver, ...indexColumns({ ...keep.row, ...takeOver }), updated_at: new Date() })
      .where('id', '=', keepId)
      .execute()
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
