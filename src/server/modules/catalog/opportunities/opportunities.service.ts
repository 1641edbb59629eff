import type { Kysely, Selectable } from 'kysely'
import sanitizeHtml from 'sanitize-html'
import type { OpportunityStatus } from '../../../../shared/opportunities.js'
import type { DB } from '../../../db/schema.js'
import type { Deps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { actsForUnit } from '../../../kernel/scope.js'
import {
  insertOpportunity,
  lockOpportunity,
  opportunityIdPage,
  opportunityRows,
  referencesOf,
  updateOpportunityRow,
  writeBlocks,
} from './opportunities.repository.js'
import type { OpportunityDto, OpportunityInput, OpportunityListFilter } from './opportunities.schema.js'
import { opportunityLifecycle, STEP_TO } from './opportunities.status.js'

/** What a description may keep: paragraphs, emphasis, lists, headings and plain links. */
const HTML_ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'a', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
}

export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, HTML_ALLOWED)
}

const num = (v: string | null) => (v === null ? null : Number(v))

export async function loadOpportunity(db: Kysely<DB>, id: string): Promise<OpportunityDto | null> {
  return (await loadOpportunities(db, [id]))[0] ?? null
}

/** Opportunities by id, in that order, in two queries whatever their number. */
export async function loadOpportunities(db: Kysely<DB>, ids: string[]): Promise<OpportunityDto[]> {
  if (ids.length === 0) return []
  const { rows, blocks } = await opportunityRows(db, ids)
  const byId = new Map(
    rows.map((row) => [
      row.id,
      present(
        row,
        blocks.filter((b) => b.opportunity_id === row.id),
      ),
    ]),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}

type OpportunityRow = Selectable<DB['opportunities']> & { host_name: string; host_country: string; host_city: string | null }

function present(row: OpportunityRow, blocks: Selectable<DB['opportunity_blocks']>[]): OpportunityDto {
  return {
    id: row.id,
    kind: row.kind,
    direction: row.direction,
    status: row.status,
    host: { id: row.host_institution_id, name: row.host_name, country: row.host_country, city: row.host_city },
    agreementId: row.agreement_id,
    orgUnitId: row.org_unit_id,
    title: row.title,
    description: row.description,
    isced: row.isced,
    specialty: row.specialty,
    department: row.department,
    languages: row.languages,
    languagePreparation: row.language_preparation,
    clinicalPractice: row.clinical_practice,
    clinicalHoursPerWeek: row.clinical_hours_per_week,
    durationWeeks: row.duration_weeks,
    yearsOfStudy: row.years_of_study,
    minGrade: num(row.min_grade),
    prerequisites: row.prerequisites,
    requirements: row.requirements,
    feeAmount: num(row.fee_amount),
    feeCurrency: row.fee_currency,
    funding: row.funding,
    housing: row.housing,
    applicationDeadline: row.application_deadline,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    blocks: blocks.map((b) => ({ id: b.id, label: b.label, startsOn: b.starts_on, endsOn: b.ends_on, capacity: b.capacity })),
    publishedAt: iso(row.published_at),
    updatedAt: iso(row.updated_at) as string,
  }
}

async function checkReferences(trx: Kysely<DB>, input: OpportunityInput) {
  const { host, parties, unit } = await referencesOf(trx, {
    hostId: input.hostInstitutionId,
    agreementId: input.agreementId,
    unitId: input.orgUnitId,
  })
  const errors: { path: string; message: string }[] = []
  if (!host) errors.push({ path: 'body.hostInstitutionId', message: 'is not an institution' })
  else if (input.direction === 'incoming' && !host.is_home) {
    errors.push({ path: 'body.hostInstitutionId', message: 'must be the home institution for an incoming opportunity' })
  }
  if (input.agreementId) {
    if (parties.length === 0) errors.push({ path: 'body.agreementId', message: 'is not an agreement' })
    else if (!parties.some((p) => p.institution_id === input.hostInstitutionId)) {
      errors.push({ path: 'body.agreementId', message: 'must be an agreement the host is a party to' })
    }
  }
  if (input.orgUnitId) {
    if (!unit) errors.push({ path: 'body.orgUnitId', message: 'is not a unit' })
  }
  if (errors.length) throw new AppError(AppErrorCode.VALIDATION, 'The opportunity refers to records that do not fit.', { errors })
}

function columns(input: OpportunityInput) {
  return {
    kind: input.kind,
    direction: input.direction,
    host_institution_id: input.hostInstitutionId,
    agreement_id: input.agreementId,
    org_unit_id: input.orgUnitId,
    title: JSON.stringify(input.title),
    description: JSON.stringify(
      Object.fromEntries(Object.entries(input.description).map(([lang, html]) => [lang, sanitizeDescription(html ?? '')])),
    ),
    isced: input.isced,
    specialty: input.specialty,
    department: input.department,
    languages: JSON.stringify(input.languages),
    language_preparation: input.languagePreparation,
    clinical_practice: input.clinicalPractice,
    clinical_hours_per_week: input.clinicalHoursPerWeek,
    duration_weeks: input.durationWeeks,
    years_of_study: input.yearsOfStudy,
    min_grade: input.minGrade,
    prerequisites: input.prerequisites,
    requirements: input.requirements,
    fee_amount: input.feeAmount,
    fee_currency: input.feeCurrency,
    funding: input.funding,
    housing: input.housing,
    application_deadline: input.applicationDeadline,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
  }
}

export async function createOpportunity(deps: Pick<Deps, 'db'>, ctx: Ctx, input: OpportunityInput): Promise<string> {
  return deps.db.transaction().execute((trx) => createOpportunityIn(trx, ctx, input))
}

/** Creates a draft inside a transaction the caller holds (an import creates many in one). */
export async function createOpportunityIn(
  trx: Kysely<DB>,
  ctx: Ctx,
  input: OpportunityInput,
  action = 'create',
): Promise<string> {
  if (!actsForUnit(ctx.actor!, input.orgUnitId)) {
    throw new AppError(AppErrorCode.FORBIDDEN, 'A coordinator creates opportunities of their own unit only (orgUnitId).')
  }
  await checkReferences(trx, input)
  const id = await insertOpportunity(trx, columns(input))
  await writeBlocks(trx, id, input.blocks)
  const after = await loadOpportunity(trx, id)
  await recordAudit(trx, ctx, { entityType: 'opportunity', entityId: id, action, after })
  return id
}

async function lockForEdit(trx: Kysely<DB>, actor: Actor, id: string) {
  const row = await lockOpportunity(trx, id)
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity.')
  if (!actsForUnit(actor, row.org_unit_id))
    throw new AppError(AppErrorCode.FORBIDDEN, 'This opportunity belongs to another unit.')
  return row
}

export async function updateOpportunity(deps: Pick<Deps, 'db'>, ctx: Ctx, id: string, input: OpportunityInput) {
  await deps.db.transaction().execute((trx) => updateOpportunityIn(trx, ctx, id, input))
}

export async function updateOpportunityIn(trx: Kysely<DB>, ctx: Ctx, id: string, input: OpportunityInput, action = 'update') {
  const row = await lockForEdit(trx, ctx.actor!, id)
  if (row.status === 'archived')
    throw new AppError(AppErrorCode.CONFLICT, 'An archived opportunity cannot change; publish it again first.')
  if (!actsForUnit(ctx.actor!, input.orgUnitId))
    throw new AppError(AppErrorCode.FORBIDDEN, 'A coordinator keeps opportunities in their own unit.')
  await checkReferences(trx, input)
  const before = await loadOpportunity(trx, id)
  await updateOpportunityRow(trx, id, { ...columns(input), updated_at: new Date() })
  await writeBlocks(trx, id, input.blocks)
  const after = await loadOpportunity(trx, id)
  await recordAudit(trx, ctx, { entityType: 'opportunity', entityId: id, action, before, after })
}

/** What an opportunity is, as the body that would write it again. */
export function inputOf(o: OpportunityDto): OpportunityInput {
  const { id: _id, status: _s, host, publishedAt: _p, updatedAt: _u, blocks, ...rest } = o
  return {
    ...rest,
    hostInstitutionId: host.id,
    specialty: rest.specialty as OpportunityInput['specialty'],
    languages: rest.languages as OpportunityInput['languages'],
    requirements: rest.requirements as OpportunityInput['requirements'],
    blocks: blocks.map(({ id: _b, ...b }) => b),
  }
}

/** Publishing shows the opportunity in the public catalog; archiving takes it out. */
export async function setOpportunityStatus(deps: Pick<Deps, 'db'>, ctx: Ctx, id: string, status: OpportunityStatus) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, ctx.actor!, id)
    if (row.status === status) throw new AppError(AppErrorCode.CONFLICT, `The opportunity is already ${status}.`)
    if (status === 'published') {
      const full = (await loadOpportunity(trx, id))!
      const missing: { path: string; message: string }[] = []
      if (full.durationWeeks === null && full.blocks.length === 0) {
        missing.push({ path: 'durationWeeks', message: 'give a duration or at least one period before publishing' })
      }
      if (full.languages.length === 0)
        missing.push({ path: 'languages', message: 'give the language of instruction before publishing' })
      if (missing.length)
        throw new AppError(AppErrorCode.CONFLICT, 'The opportunity is not ready to publish.', { errors: missing })
    }
    await opportunityLifecycle.take(trx, ctx, row, STEP_TO[status], status === 'published' ? { published_at: new Date() } : {})
  })
}

/** The office's list, newest change first: by status and direction, and by a part of a title or the host's name. */
export async function listOpportunities(
  db: Kysely<DB>,
  f: Omit<OpportunityListFilter, 'page' | 'pageSize'>,
  page: number,
  pageSize: number,
) {
  const { ids, total } = await opportunityIdPage(db, f, page, pageSize)
  return { items: await loadOpportunities(db, ids), total }
}
