import type { Kysely, Selectable } from 'kysely'
import { type CallStatus, callPhase, fitsAudience } from '../../../../shared/calls.js'
import { fromZoned, toZoned } from '../../../../shared/zoned-time.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { actsForUnit } from '../../../kernel/scope.js'
import { sanitizeDescription } from '../opportunities/opportunities.service.js'
import { suggestPlaces } from './calls.places.js'
import {
  callIdPage,
  callIdsOffering,
  callRows,
  insertCall,
  lockCallRow,
  opportunitiesByIds,
  replaceOffers,
  takenPlaces,
  unitExists,
  updateCallRow,
} from './calls.repository.js'
import type { CallDto, CallInput, CallListQueryInput } from './calls.schema.js'
import { callLifecycle, STEP_TO } from './calls.status.js'

type Problem = { path: string; message: string }

export async function loadCall(db: Kysely<DB>, id: string, now: Date): Promise<CallDto | null> {
  return (await loadCalls(db, [id], now))[0] ?? null
}

/** Calls by id, in that order, with their offers, in two queries whatever their number. */
export async function loadCalls(db: Kysely<DB>, ids: string[], now: Date): Promise<CallDto[]> {
  if (ids.length === 0) return []
  const { rows, offers } = await callRows(db, ids)
  const byId = new Map(
    rows.map((row) => [
      row.id,
      present(
        row,
        offers.filter((o) => o.call_id === row.id),
        now,
      ),
    ]),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}

type OfferRow = {
  opportunity_id: string
  places: number
  suggested_places: number | null
  places_taken: number
  kind: CallDto['offers'][number]['kind']
  title: Record<string, string>
  status: string
  host_institution_id: string
  host_name: string
  host_country: string
  host_city: string | null
}

function present(row: Selectable<DB['calls']>, offers: OfferRow[], now: Date): CallDto {
  const items = offers.map((o) => ({
    opportunityId: o.opportunity_id,
    kind: o.kind,
    title: o.title,
    host: { id: o.host_institution_id, name: o.host_name, country: o.host_country, city: o.host_city },
    published: o.status === 'published',
    places: o.places,
    suggestedPlaces: o.suggested_places,
    placesTaken: o.places_taken,
    placesLeft: Math.max(0, o.places - o.places_taken),
  }))
  return {
    id: row.id,
    status: row.status,
    phase: callPhase(row.opens_at, row.closes_at, now),
    title: row.title,
    description: row.description,
    academicYear: row.academic_year,
    audience: row.audience,
    orgUnitId: row.org_unit_id,
    opensAt: iso(row.opens_at) as string,
    closesAt: iso(row.closes_at) as string,
    opensAtLocal: toZoned(row.opens_at, row.time_zone),
    closesAtLocal: toZoned(row.closes_at, row.time_zone),
    timeZone: row.time_zone,
    maxChoices: row.max_choices,
    eligibility: {
      yearsOfStudy: row.eligibility.yearsOfStudy ?? [],
      minGrade: row.eligibility.minGrade ?? null,
      programmes: row.eligibility.programmes ?? [],
      notes: row.eligibility.notes ?? null,
    },
    requiredDocuments: row.required_documents,
    criteria: row.criteria,
    cancelReason: row.cancel_reason,
    offers: items,
    placesTotal: items.reduce((n, o) => n + o.places, 0),
    placesLeft: items.reduce((n, o) => n + o.placesLeft, 0),
    publishedAt: iso(row.published_at),
    updatedAt: iso(row.updated_at) as string,
  }
}

function columns(input: CallInput) {
  return {
    title: JSON.stringify(input.title),
    description: JSON.stringify(
      Object.fromEntries(Object.entries(input.description).map(([lang, html]) => [lang, sanitizeDescription(html ?? '')])),
    ),
    academic_year: input.academicYear,
    audience: input.audience,
    org_unit_id: input.orgUnitId,
    opens_at: fromZoned(input.opensAt, input.timeZone),
    closes_at: fromZoned(input.closesAt, input.timeZone),
    time_zone: input.timeZone,
    max_choices: input.maxChoices,
    eligibility: JSON.stringify(input.eligibility),
    required_documents: input.requiredDocuments,
    criteria: JSON.stringify(input.criteria),
  }
}

/** The offered opportunities exist and fit the audience; places left open take the suggestion. */
async function resolveOffers(trx: Kysely<DB>, input: CallInput, taken: Map<string, number>) {
  const ids = input.offers.map((o) => o.opportunityId)
  const errors: Problem[] = []
  if (input.orgUnitId) {
    if (!(await unitExists(trx, input.orgUnitId))) errors.push({ path: 'body.orgUnitId', message: 'is not a unit' })
  }
  const found = await opportunitiesByIds(trx, ids)
  const byId = new Map(found.map((o) => [o.id, o]))
  input.offers.forEach((offer, i) => {
    const o = byId.get(offer.opportunityId)
    if (!o) errors.push({ path: `body.offers.${i}.opportunityId`, message: 'is not an opportunity' })
    else if (o.status === 'archived') errors.push({ path: `body.offers.${i}.opportunityId`, message: 'is archived' })
    else if (!fitsAudience(input.audience, o.kind, o.direction)) {
      errors.push({
        path: `body.offers.${i}.opportunityId`,
        message: `is ${o.direction} ${o.kind}, which a call for ${input.audience} cannot offer`,
      })
    }
  })
  const suggestions = errors.length ? [] : await suggestPlaces(trx, input.academicYear, ids)
  const offers = input.offers.map((offer, i) => {
    const suggested = suggestions[i]?.places ?? null
    const places = offer.places ?? suggested
    if (places === null) {
      errors.push({
        path: `body.offers.${i}.places`,
        message: 'give the places: neither an agreement nor periods suggest a number',
      })
    }
    const already = taken.get(offer.opportunityId) ?? 0
    if (places !== null && places < already) {
      errors.push({ path: `body.offers.${i}.places`, message: `must be at least ${already}, the places already taken` })
    }
    return { opportunity_id: offer.opportunityId, position: i, places: places ?? 0, suggested_places: suggested }
  })
  for (const [opportunityId, n] of taken) {
    if (n > 0 && !ids.includes(opportunityId)) {
      errors.push({ path: 'body.offers', message: `must keep opportunity ${opportunityId}: ${n} of its places are taken` })
    }
  }
  if (errors.length) throw new AppError(AppErrorCode.VALIDATION, 'The call does not fit its opportunities.', { errors })
  return offers
}

export async function createCall(deps: Pick<Deps, 'db' | 'clock'>, ctx: Ctx, input: CallInput): Promise<string> {
  if (!actsForUnit(ctx.actor!, input.orgUnitId)) {
    throw new AppError(AppErrorCode.FORBIDDEN, 'A coordinator creates calls of their own unit only (orgUnitId).')
  }
  return deps.db.transaction().execute(async (trx) => {
    const offers = await resolveOffers(trx, input, new Map())
    const id = await insertCall(trx, columns(input))
    await replaceOffers(trx, id, offers, new Map())
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: id,
      action: 'create',
      after: await loadCall(trx, id, deps.clock.now()),
    })
    return id
  })
}

async function lockForEdit(trx: Kysely<DB>, actor: Actor, id: string, now: Date) {
  const row = await lockCallRow(trx, id)
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, 'No such call.')
  if (!actsForUnit(actor, row.org_unit_id)) throw new AppError(AppErrorCode.FORBIDDEN, 'This call belongs to another unit.')
  return { ...row, phase: callPhase(row.opens_at, row.closes_at, now) }
}

/**
 * A draft changes freely. A published call changes until it closes, except what applicants chose
 * by: its audience and academic year, and its opening once it has opened. Closed and cancelled
 * calls are kept as they were, since applications and the allocation rest on them.
 */
export async function updateCall(deps: Pick<Deps, 'db' | 'clock'>, ctx: Ctx, id: string, input: CallInput) {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, ctx.actor!, id, now)
    if (row.status === 'cancelled') throw new AppError(AppErrorCode.CONFLICT, 'A cancelled call cannot change.')
    if (row.status === 'published' && row.phase === 'closed') {
      throw new AppError(AppErrorCode.CONFLICT, 'A closed call cannot change: applications and the allocation rest on it.')
    }
    if (!actsForUnit(ctx.actor!, input.orgUnitId))
      throw new AppError(AppErrorCode.FORBIDDEN, 'A coordinator keeps calls in their own unit.')
    const before = (await loadCall(trx, id, now))!
    if (row.status === 'published') {
      const errors: Problem[] = []
      if (input.audience !== before.audience)
        errors.push({ path: 'body.audience', message: 'cannot change once the call is published' })
      if (input.academicYear !== before.academicYear) {
        errors.push({ path: 'body.academicYear', message: 'cannot change once the call is published' })
      }
      const opensAt = fromZoned(input.opensAt, input.timeZone)
      if (row.phase === 'open' && opensAt.getTime() !== row.opens_at.getTime()) {
        errors.push({ path: 'body.opensAt', message: 'cannot change once the call is open' })
      }
      if (fromZoned(input.closesAt, input.timeZone) <= now) {
        errors.push({ path: 'body.closesAt', message: 'must be in the future for a published call' })
      }
      if (errors.length) throw new AppError(AppErrorCode.CONFLICT, 'The published call cannot change that way.', { errors })
    }
    const taken = await takenPlaces(trx, id)
    const offers = await resolveOffers(trx, input, taken)
    await updateCallRow(trx, id, { ...columns(input), updated_at: now })
    await replaceOffers(trx, id, offers, taken)
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: id,
      action: 'update',
      before,
      after: await loadCall(trx, id, now),
    })
  })
}

/** What a call needs before it is published, each problem named by its field. */
function readiness(call: CallDto, now: Date): Problem[] {
  const problems: Problem[] = []
  if (call.offers.length === 0) problems.push({ path: 'offers', message: 'offer at least one opportunity' })
  call.offers.forEach((o, i) => {
    if (!o.published) problems.push({ path: `offers.${i}.opportunityId`, message: 'publish the opportunity first' })
  })
  if (call.offers.length > 0 && call.placesTotal === 0) problems.push({ path: 'offers', message: 'offer at least one place' })
  if (call.criteria.length === 0) problems.push({ path: 'criteria', message: 'give the selection criteria and their weights' })
  if (new Date(call.closesAt) <= now) problems.push({ path: 'closesAt', message: 'must be in the future' })
  return problems
}

/** Publish (the call shows publicly), withdraw to draft before it opens, or cancel with a reason. */
export async function setCallStatus(deps: Pick<Deps, 'db' | 'clock'>, ctx: Ctx, id: string, status: CallStatus, reason?: string) {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, ctx.actor!, id, now)
    if (row.status === status) throw new AppError(AppErrorCode.CONFLICT, `The call is already ${status}.`)
    if (row.status === 'cancelled') throw new AppError(AppErrorCode.CONFLICT, 'A cancelled call stays cancelled.')
    if (status === 'published') {
      const problems = readiness((await loadCall(trx, id, now))!, now)
      if (problems.length) throw new AppError(AppErrorCode.CONFLICT, 'The call is not ready to publish.', { errors: problems })
    }
    if (status === 'draft' && row.phase !== 'upcoming') {
      throw new AppError(AppErrorCode.CONFLICT, 'A call that has opened cannot go back to draft; cancel it instead.')
    }
    if (status === 'cancelled' && !reason) {
      throw new AppError(AppErrorCode.VALIDATION, 'Say why the call is cancelled.', {
        errors: [{ path: 'body.reason', message: 'is required to cancel' }],
      })
    }
    await callLifecycle.take(
      trx,
      ctx,
      row,
      STEP_TO[status],
      {
        ...(status === 'published' ? { published_at: now } : {}),
        ...(status === 'cancelled' ? { cancel_reason: reason } : {}),
      },
      reason ? { reason } : {},
    )
  })
}

/** Calls newest opening first; `phase` compares with `now` in the query. */
export async function listCalls(
  db: Kysely<DB>,
  query: Partial<CallListQueryInput> & { page: number; pageSize: number },
  now: Date,
) {
  const { ids, total } = await callIdPage(db, query, now)
  return { items: await loadCalls(db, ids, now), total }
}

/** Published calls, not yet closed, that offer an opportunity: what its catalog page shows. */
export async function callsOffering(db: Kysely<DB>, opportunityId: string, now: Date): Promise<CallDto[]> {
  const ids = await callIdsOffering(db, opportunityId, now)
  return loadCalls(db, ids, now)
}
