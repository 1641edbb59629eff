import type { Kysely } from 'kysely'
import { type CallAudience, fitsAudience, MOBILITY_TYPE_OF } from '../../../shared/calls.js'
import { OPPORTUNITY_KINDS, type OpportunityKind } from '../../../shared/opportunities.js'
import { fold, tidyCapitals } from '../../../shared/text.js'
import type { DB } from '../../db/schema.js'
import type { Ctx } from '../../http/context.js'
import { AppError, AppErrorCode } from '../../http/errors.js'
import { recordAudit } from '../../kernel/audit.js'
import { OpportunityBody, type OpportunityInput } from '../catalog/opportunities/opportunities.schema.js'
import {
  createOpportunityIn,
  inputOf,
  loadOpportunities,
  updateOpportunityIn,
} from '../catalog/opportunities/opportunities.service.js'
import { COMMON_SYNONYMS, countryCode, type FieldSet, subjectArea } from './fields.js'
import { lastOfferPosition, opportunityMatchSources, placesTaken, touchCall, upsertOffer } from './imports.repository.js'
import type { Sheet } from './parse.js'

// Importing opportunities (issue 4): a destinations list, one row per host, with places per degree
// programme in one or more columns, becomes one opportunity per host and programme (created as a
// draft, or updated when it is already there), and, when a call is chosen, its offers with those
// places. A list of opportunities with their own titles works the same way, one per row.

export const OPPORTUNITY_FIELDS = [
  'host',
  'country',
  'erasmusCode',
  'title',
  'kind',
  'direction',
  'language',
  'minLevel',
  'durationWeeks',
  'clinical',
  'deadline',
  'fee',
  'currency',
  'contactEmail',
  'places',
] as const
export type OpportunityField = (typeof OPPORTUNITY_FIELDS)[number]

export const OPPORTUNITY_FIELD_SET: FieldSet<OpportunityField> = {
  fields: OPPORTUNITY_FIELDS,
  required: ['host', 'country'],
  multi: ['places'],
  synonyms: {
    host: [...COMMON_SYNONYMS.name, 'host', 'destination', 'destino', 'назначение', 'принимающая сторона'],
    country: COMMON_SYNONYMS.country,
    erasmusCode: COMMON_SYNONYMS.erasmusCode,
    title: ['title', 'opportunity', 'programme title', 'titulo', 'название программы', 'гарчиг', '제목'],
    kind: ['kind', 'type', 'opportunity type', 'tipo', 'тип', 'төрөл', '유형'],
    direction: ['direction', 'sentido', 'направление мобильности', 'чиглэл'],
    language: ['language', 'language of instruction', 'lingua', 'idioma', 'язык', 'хэл', '언어'],
    minLevel: ['level', 'cefr', 'minimum level', 'nivel', 'уровень', 'түвшин', '수준'],
    durationWeeks: ['weeks', 'duration', 'duration weeks', 'semanas', 'duracao', 'недель', 'длительность', 'долоо хоног', '기간'],
    clinical: ['clinical', 'clinical practice', 'pratica clinica', 'клиническая практика', 'эмнэлзүйн дадлага', '임상'],
    deadline: ['deadline', 'apply by', 'prazo', 'срок', 'дедлайн', 'хугацаа', '마감'],
    fee: ['fee', 'cost', 'price', 'propina', 'custo', 'стоимость', 'плата', 'төлбөр', '비용'],
    currency: ['currency', 'moeda', 'валюта', '통화'],
    contactEmail: COMMON_SYNONYMS.contactEmail,
    places: COMMON_SYNONYMS.places,
  },
}

type Mapping = Partial<Record<OpportunityField, number[]>>

export interface OpportunityItem {
  input: OpportunityInput
  /** The opportunity this item updates. */
  matchId: string | null
  places: number | null
}

export interface OpportunityRow {
  row: number
  name: string
  country: string
  items: OpportunityItem[]
  errors: { field: string; message: string }[]
  action: 'create' | 'update' | 'error'
}

const BASE: Omit<OpportunityInput, 'kind' | 'direction' | 'hostInstitutionId' | 'title'> = OpportunityBody.parse({
  kind: 'exchange_semester',
  direction: 'outgoing',
  hostInstitutionId: '00000000-0000-4000-8000-000000000000',
  title: { en: 'x' },
})

const KIND_NAMES: Record<string, OpportunityKind> = {
  exchange: 'exchange_semester',
  semester: 'exchange_semester',
  'exchange semester': 'exchange_semester',
  elective: 'clinical_elective',
  'clinical elective': 'clinical_elective',
  rotation: 'clinical_elective',
  'summer school': 'summer_school',
  internship: 'research_internship',
  'research internship': 'research_internship',
  observership: 'observership',
  'joint degree': 'joint_program',
  'dual degree': 'joint_program',
  'staff teaching': 'staff_teaching',
  'staff training': 'staff_training',
  'guest lecture': 'guest_lecture',
}
function kindOf(raw: string): OpportunityKind | null {
  const f = fold(raw)
  return (OPPORTUNITY_KINDS as readonly string[]).includes(f.replace(/ /g, '_'))
    ? (f.replace(/ /g, '_') as OpportunityKind)
    : (KIND_NAMES[f] ?? null)
}

const YES = new Set(['yes', 'y', 'true', '1', 'sim', 'да', 'тийм', '예', 'si', 'ja', 'x'])
const NO = new Set(['no', 'n', 'false', '0', 'nao', 'нет', 'үгүй', '아니오', 'nein', ''])

/** Reads every row: its host in the registry, the opportunities it describes and whether they exist. */
export async function parseOpportunityRows(
  db: Kysely<DB>,
  sheet: Sheet,
  mapping: Mapping,
  callAudience: CallAudience | null,
): Promise<OpportunityRow[]> {
  const cell = (r: string[], f: OpportunityField) => {
    const c = mapping[f]?.[0]
    return c === undefined ? '' : (r[c] ?? '').trim()
  }
  const { hosts, agreements, existing } = await opportunityMatchSources(db)
  const hostBy = new Map<string, (typeof hosts)[number]>()
  for (const h of hosts) {
    if (h.erasmus_code) hostBy.set(`e:${h.erasmus_code.replace(/\s+/g, ' ')}`, h)
    hostBy.set(`n:${h.country}:${h.name_key}`, h)
  }
  const seen = new Map<string, number>()
  return sheet.rows.map((r, i): OpportunityRow => {
    const errors: OpportunityRow['errors'] = []
    const bad = (field: string, message: string) => errors.push({ field, message })
    const hostName = tidyCapitals(cell(r, 'host'))
    const countryRaw = cell(r, 'country')
    const country = countryCode(countryRaw)
    if (!hostName) bad('host', 'is missing')
    if (!countryRaw) bad('country', 'is missing')
    else if (!country) bad('country', `"${countryRaw}" is not a country we know; use its ISO code such as PT`)
    const code = cell(r, 'erasmusCode').toUpperCase().replace(/\s+/g, ' ')
    const host = (code && hostBy.get(`e:${code}`)) || (country ? hostBy.get(`n:${country}:${fold(hostName)}`) : undefined)
    if (hostName && country && !host) bad('host', `"${hostName}" is not in the partner registry; add or import the partner first`)

    const kindRaw = cell(r, 'kind')
    const kind = kindRaw ? kindOf(kindRaw) : 'exchange_semester'
    if (!kind) bad('kind', `"${kindRaw}" is not a kind of opportunity (${OPPORTUNITY_KINDS.join(', ')})`)
    const directionRaw = fold(cell(r, 'direction'))
    const direction =
      !directionRaw || directionRaw.startsWith('out') ? 'outgoing' : directionRaw.startsWith('in') ? 'incoming' : null
    if (!direction) bad('direction', `"${cell(r, 'direction')}" is neither outgoing nor incoming`)
    const clinicalRaw = fold(cell(r, 'clinical'))
    if (!YES.has(clinicalRaw) && !NO.has(clinicalRaw)) bad('clinical', `"${cell(r, 'clinical')}" is not yes or no`)
    const number = (field: OpportunityField) => {
      const raw = cell(r, field).replace(',', '.')
      if (!raw) return null
      const n = Number(raw)
      if (!Number.isFinite(n)) bad(field, `"${raw}" is not a number`)
      return Number.isFinite(n) ? n : null
    }
    // Read once for the row, whatever the number of programmes it describes.
    const durationWeeks = number('durationWeeks')
    const feeAmount = number('fee')

    // One opportunity per programme with places; otherwise one for the row.
    const programmes: { isced: string | null; clarification: string | null; places: number | null }[] = []
    for (const c of mapping.places ?? []) {
      const raw = (r[c] ?? '').trim()
      if (!raw) continue
      for (const part of raw
        .split(/[;\n]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = /^(.*?)[\s:=–-]*(\d+)$/.exec(part)
        if (!m) {
          bad('places', `"${part}" is not a number of places`)
          continue
        }
        const label = m[1]!.trim() || programmeName(sheet.headers[c]!)
        const area = subjectArea(label) ?? subjectArea(sheet.headers[c]!)
        if (!area && (mapping.places ?? []).length > 1) {
          bad('places', `cannot tell the programme of "${label}"; give an ISCED-F code such as 0912`)
          continue
        }
        if (Number(m[2]) > 0)
          programmes.push({ isced: area?.isced ?? null, clarification: area?.clarification ?? null, places: Number(m[2]) })
      }
    }
    // A row whose places could not be read says nothing more about them.
    const placesRead = !errors.some((e) => e.field === 'places')
    if (programmes.length === 0 && placesRead) programmes.push({ isced: null, clarification: null, places: null })
    const title = cell(r, 'title')
    if (placesRead && !title && programmes.every((p) => !p.clarification)) {
      bad('title', 'is missing, and no programme names the opportunity')
    }
    if (callAudience && kind && direction && !fitsAudience(callAudience, kind, direction)) {
      bad('kind', `a ${direction} ${kind} cannot be offered in a call for ${callAudience.replace('_', ' ')}`)
    }
    if (callAudience && placesRead && programmes.some((p) => p.places === null))
      bad('places', 'give the places to offer in the call')

    const items: OpportunityItem[] = []
    if (host && kind && direction) {
      const agreement =
        agreements.find((a) => a.institution_id === host.id && a.mobility_types.includes(MOBILITY_TYPE_OF[kind])) ??
        agreements.find((a) => a.institution_id === host.id)
      const language = cell(r, 'language').toLowerCase()
      for (const p of programmes) {
        const named = title || `${p.clarification} — ${host.name}`
        const raw = {
          ...BASE,
          kind,
          direction,
          hostInstitutionId: host.id,
          agreementId: direction === 'outgoing' ? (agreement?.id ?? null) : null,
          title: { en: programmes.length > 1 && title ? `${title} (${p.clarification})` : named },
          isced: p.isced,
          languages: language ? [{ language, minLevel: cell(r, 'minLevel').toUpperCase() || null }] : [],
          clinicalPractice: YES.has(clinicalRaw),
          durationWeeks,
          applicationDeadline: cell(r, 'deadline') || null,
          feeAmount,
          feeCurrency: cell(r, 'currency').toUpperCase() || null,
          contactEmail: cell(r, 'contactEmail').toLowerCase() || null,
        }
        const parsed = OpportunityBody.safeParse(raw)
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            bad(IMPORT_FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]), issue.message)
          continue
        }
        const match = existing.find(
          (e) =>
            e.host_institution_id === host.id &&
            e.kind === kind &&
            e.direction === direction &&
            (p.isced ? e.isced === p.isced : fold(e.title.en ?? '') === fold(parsed.data.title.en ?? '')),
        )
        const identity = `${host.id}:${kind}:${direction}:${p.isced ?? fold(parsed.data.title.en ?? '')}`
        if (seen.has(identity)) bad('host', `describes the same opportunity as row ${seen.get(identity)}`)
        seen.set(identity, i + 2)
        items.push({ input: parsed.data, matchId: match?.id ?? null, places: p.places })
      }
    }
    return {
      row: i + 2,
      name: hostName,
      country: country ?? countryRaw,
      items: errors.length ? [] : items,
      errors,
      action: errors.length ? 'error' : items.every((it) => it.matchId) ? 'update' : 'create',
    }
  })
}

/** "Places – Medicine" → "Medicine": a places column's header names its programme. */
function programmeName(header: string): string {
  return header
    .replace(/\b(places|place|slots|seats|quota|vagas|plazas|mobilities)\b|места|мест|квота|суудал|정원/giu, ' ')
    .replace(/^[\s:=–()-]+|[\s:=–()-]+$/g, '')
    .trim()
}

/** Which import column an opportunity field comes from, to name it in a row's errors. */
const IMPORT_FIELD_OF: Record<string, OpportunityField> = {
  languages: 'language',
  durationWeeks: 'durationWeeks',
  applicationDeadline: 'deadline',
  feeAmount: 'fee',
  feeCurrency: 'currency',
  contactEmail: 'contactEmail',
  title: 'title',
}

/**
 * Writes checked rows: new opportunities as drafts; existing ones take the columns the file gives
 * (their texts, periods and anything else the office wrote stay); and, for a call, the offers.
 */
export async function commitOpportunityRows(trx: Kysely<DB>, ctx: Ctx, rows: OpportunityRow[], callId: string | null) {
  const matched = rows.flatMap((r) => r.items.flatMap((it) => (it.matchId ? [it.matchId] : [])))
  const current = new Map((await loadOpportunities(trx, matched)).map((o) => [o.id, o]))
  let position = callId ? await lastOfferPosition(trx, callId) : 0
  for (const r of rows) {
    for (const item of r.items) {
      let id = item.matchId
      if (id) {
        const before = inputOf(current.get(id)!)
        const given = item.input
        await updateOpportunityIn(
          trx,
          ctx,
          id,
          {
            ...before,
            agreementId: before.agreementId ?? given.agreementId,
            isced: given.isced ?? before.isced,
            languages: given.languages.length ? given.languages : before.languages,
            clinicalPractice: given.clinicalPractice || before.clinicalPractice,
            durationWeeks: given.durationWeeks ?? before.durationWeeks,
            applicationDeadline: given.applicationDeadline ?? before.applicationDeadline,
            feeAmount: given.feeAmount ?? before.feeAmount,
            feeCurrency: given.feeCurrency ?? before.feeCurrency,
            contactEmail: given.contactEmail ?? before.contactEmail,
          },
          'import_update',
        )
      } else {
        id = await createOpportunityIn(trx, ctx, item.input, 'import_create')
      }
      if (callId && item.places !== null) {
        const taken = await placesTaken(trx, callId, id)
        if (taken !== undefined && taken > item.places) {
          throw new AppError(AppErrorCode.VALIDATION, `Row ${r.row} offers fewer places than are already taken.`, {
            errors: [{ path: `row ${r.row}.places`, message: `must be at least ${taken}, the places already taken` }],
          })
        }
        await upsertOffer(trx, callId, id, item.places, ++position)
      }
    }
  }
  if (callId) {
    await touchCall(trx, callId)
    await recordAudit(trx, ctx, {
      entityType: 'call',
      entityId: callId,
      action: 'import_offers',
      after: { offers: rows.flatMap((r) => r.items.map((it) => ({ row: r.row, places: it.places }))) },
    })
  }
}
