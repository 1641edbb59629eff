import type { Kysely } from 'kysely'
import { IN_FORCE } from '../../../../shared/agreements.js'
import { fold } from '../../../../shared/text.js'
import type { DB } from '../../../db/schema.js'
import { type QueryWord, searchTerms } from '../../../db/search.js'
import type { Actor } from '../../../http/context.js'
import { addDays } from '../../../kernel/dates.js'
import type { AgreementFilter, AgreementListItem } from '../agreements/agreements.schema.js'
import type { InstitutionFilter, InstitutionListItem } from '../institutions/institutions.schema.js'
import { ListIndex, type ListOrder, type ListRow } from './list-index.js'
import { type AgreementRecord, currentSnapshot, type InstitutionRecord, registryChanges } from './lists.repository.js'

// The partner and agreement lists of each process, searched in memory (decision 023) and kept in
// step with the database before every search: one statement reads what changed since the last
// one (migration 0012), so a list always shows what was committed before it was asked for.

export interface AgreementEntry extends ListRow {
  sortReference: string
  sortTitle: string
  status: string
  start: string | null
  end: string | null
  updated: number
  parties: string[]
  /** The list item, but for the responsible officer's name (read from `RegistryLists.names`). */
  item: Omit<AgreementListItem, 'responsible'> & { responsibleId: string | null }
}

export interface InstitutionEntry extends ListRow {
  sortName: string
  sortCity: string | null
  country: string
  inForce: number
  updated: number
  item: InstitutionListItem
}

/** The index word of a party: an agreement is found by the institutions that are party to it. */
const partyWord = (institutionId: string) => `\u0000party:${institutionId}`
/** The index word of a value a list filters on, such as a status or a country. */
const valueWord = (field: string, value: string) => `\u0001${field}:${value}`

/** A text's sort key: folded first (case and accents aside), then as written. */
const sortKey = (text: string) => `${fold(text)}\u0000${text}`

/** How long an index may go unread before it is built again from scratch (removals are kept 30 days). */
const REBUILD_AFTER_MS = 24 * 3600_000

function agreementEntry(r: AgreementRecord): AgreementEntry {
  const parties = r.party_summary.map((p) => p.institutionId)
  return {
    id: r.id,
    words: [
      ...r.words,
      ...parties.map(partyWord),
      valueWord('status', r.status),
      valueWord('kind', r.kind),
      valueWord('responsible', r.responsible_id ?? ''),
      ...r.partner_countries.map((c) => valueWord('country', c)),
      ...r.mobility_types.map((m) => valueWord('mobility', m)),
      ...r.isced_prefixes.map((c) => valueWord('isced', c)),
    ],
    sortReference: sortKey(r.reference),
    sortTitle: sortKey(r.title),
    status: r.status,
    start: r.start_date,
    end: r.end_date,
    updated: Date.parse(r.updated_at),
    parties,
    item: {
      id: r.id,
      reference: r.reference,
      title: r.title,
      kind: r.kind,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      parties: r.party_summary,
      responsibleId: r.responsible_id,
      mobilityTypes: r.mobility_types,
      placesPerYear: r.places_per_year,
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  }
}

function institutionEntry(r: InstitutionRecord): InstitutionEntry {
  return {
    id: r.id,
    words: [
      ...r.words,
      valueWord('country', r.country),
      valueWord('kind', r.kind),
      valueWord('home', String(r.is_home)),
      valueWord('inForce', String(r.agreements_in_force > 0)),
      ...r.tags.map((t) => valueWord('tag', t)),
    ],
    sortName: sortKey(r.name),
    sortCity: r.city ? sortKey(r.city) : null,
    country: r.country,
    inForce: r.agreements_in_force,
    updated: Date.parse(r.updated_at),
    item: {
      id: r.id,
      name: r.name,
      kind: r.kind,
      country: r.country,
      city: r.city,
      website: r.website,
      erasmusCode: r.erasmus_code,
      schacId: r.schac_id,
      rorId: r.ror_id,
      isHome: r.is_home,
      tags: r.tags,
      agreementsInForce: r.agreements_in_force,
      agreementsTotal: r.agreements_total,
      nextEndDate: r.next_end_date,
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  }
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * An order by one value in `dir` (empty values last either way), then by `then` ascending, then
 * by id: the same total order whichever way it is asked for.
 */
export function orderBy<R extends ListRow>(
  key: string,
  dir: 'asc' | 'desc',
  value: (r: R) => string | number | null,
  then: (a: R, b: R) => number = () => 0,
): ListOrder<R> {
  const sign = dir === 'desc' ? -1 : 1
  return {
    key: `${key}:${dir}`,
    compare: (a, b) => {
      const x = value(a)
      const y = value(b)
      if (x !== y) {
        if (x === null) return 1
        if (y === null) return -1
        const c = compare(x, y)
        if (c) return sign * c
      }
      return then(a, b) || compare(a.id, b.id)
    },
  }
}

const AGREEMENT_ORDER: Record<AgreementFilter['sort'], (r: AgreementEntry) => string | number | null> = {
  reference: (r) => r.sortReference,
  title: (r) => r.sortTitle,
  status: (r) => r.status,
  start: (r) => r.start,
  end: (r) => r.end,
  updated: (r) => r.updated,
}

const byName = (a: InstitutionEntry, b: InstitutionEntry) => compare(a.sortName, b.sortName)

function institutionOrder(f: Pick<InstitutionFilter, 'sort' | 'dir'>, inForce: (r: InstitutionEntry) => number) {
  switch (f.sort) {
    case 'name':
      return orderBy<InstitutionEntry>('name', f.dir, (r) => r.sortName)
    case 'country':
      return orderBy<InstitutionEntry>('country', f.dir, (r) => r.country, byName)
    case 'city':
      return orderBy<InstitutionEntry>('city', f.dir, (r) => r.sortCity, byName)
    case 'agreements':
      return orderBy<InstitutionEntry>('agreements', f.dir, inForce, byName)
    case 'updated':
      return orderBy<InstitutionEntry>('updated', f.dir, (r) => r.updated)
  }
}

const NO_ID = '00000000-0000-0000-0000-000000000000'

/** A query word that is one whole index word. */
const exactly = (word: string): QueryWord => [[{ word, prefix: false }]]
/** A query word that is any of these values of a field. */
const anyOf = (field: string, values: readonly string[]): QueryWord =>
  values.map((v) => [{ word: valueWord(field, v), prefix: false }])

export interface Window {
  offset: number
  limit: number
  cap: number
}

export interface Page<T> {
  items: T[]
  total: number
  capped: boolean
}

export class RegistryLists {
  readonly agreements = new ListIndex<AgreementEntry>()
  readonly institutions = new ListIndex<InstitutionEntry>()
  /** Every person's name, for the responsible officer of an agreement. */
  readonly names = new Map<string, string>()
  #snapshot: string | null = null
  #readAt = 0
  #running: Promise<void> | null = null
  #queued: Promise<void> | null = null

  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Reads what changed since the last read. A read already under way may have missed a commit
   * made just before this call, so a caller then waits for the next one (shared by all who wait).
   */
  sync(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#read().finally(() => {
        this.#running = null
      })
      return this.#running
    }
    this.#queued ??= this.#running
      .catch(() => {})
      .then(() => {
        this.#queued = null
        return this.sync()
      })
    return this.#queued
  }

  async #read() {
    const startedAt = Date.now()
    const full = !this.#snapshot || startedAt - this.#readAt > REBUILD_AFTER_MS
    if (!full) {
      // The same snapshot: no transaction that writes has begun or ended since the last read.
      if ((await currentSnapshot(this.db)) === this.#snapshot) {
        this.#readAt = startedAt
        return
      }
    }
    const answer = await registryChanges(this.db, full ? null : this.#snapshot)
    const agreements = answer.agreements.map(agreementEntry)
    const institutions = answer.institutions.filter((r) => !r.merged).map(institutionEntry)
    const merged = answer.institutions.filter((r) => r.merged).map((r) => r.id)
    const removed = (kind: string) => answer.removed.filter((r) => r.kind === kind).map((r) => r.id)
    if (full) {
      this.agreements.reset(agreements)
      this.institutions.reset(institutions)
      this.names.clear()
    } else {
      this.agreements.apply(agreements, removed('agreement'))
      this.institutions.apply(institutions, [...merged, ...removed('institution')])
    }
    for (const u of answer.users) this.names.set(u.id, u.name)
    this.#snapshot = answer.snapshot
    this.#readAt = startedAt
  }

  /** A page of the agreements a person may see, in the list's order. */
  async agreementPage(actor: Actor, f: AgreementFilter, window: Window, today: string): Promise<Page<AgreementListItem>> {
    await this.sync()
    const words = f.q ? searchTerms(f.q) : []
    if (actor.role === 'partner') words.push(exactly(partyWord(actor.institutionId ?? NO_ID)))
    if (f.institutionId) words.push(exactly(partyWord(f.institutionId)))
    if (f.status?.length) words.push(anyOf('status', f.status))
    if (f.kind?.length) words.push(anyOf('kind', f.kind))
    if (f.responsibleId) words.push(anyOf('responsible', [f.responsibleId]))
    if (f.country?.length) words.push(anyOf('country', f.country))
    if (f.mobilityType) words.push(anyOf('mobility', [f.mobilityType]))
    if (f.subjectArea) words.push(anyOf('isced', [f.subjectArea]))
    let where: ((r: AgreementEntry) => boolean) | undefined
    if (f.expiringWithin !== undefined) {
      const until = addDays(today, f.expiringWithin)
      words.push(anyOf('status', IN_FORCE))
      where = (r) => r.end !== null && r.end <= until
    }
    const page = this.agreements.search({
      words,
      where,
      order: orderBy(`agreement-${f.sort}`, f.dir, AGREEMENT_ORDER[f.sort]),
      ...window,
    })
    return { items: page.ids.map((id) => this.#agreementItem(id)), total: page.total, capped: page.capped }
  }

  #agreementItem(id: string): AgreementListItem {
    const { responsibleId, ...item } = this.agreements.get(id)!.item
    return { ...item, responsible: responsibleId ? { id: responsibleId, name: this.names.get(responsibleId) ?? '' } : null }
  }

  /**
   * A page of the institutions a person may see, in the list's order. A partner coordinator sees
   * the home institution and their own, with figures counting only the agreements they are a
   * party to.
   */
  async institutionPage(actor: Actor, f: InstitutionFilter, window: Window): Promise<Page<InstitutionListItem>> {
    await this.sync()
    const words = f.q ? searchTerms(f.q) : []
    if (f.partnersOnly === 'true') words.push(anyOf('home', ['false']))
    if (f.country?.length) words.push(anyOf('country', f.country))
    if (f.kind?.length) words.push(anyOf('kind', f.kind))
    if (f.tag) words.push(anyOf('tag', [f.tag.toLowerCase()]))
    if (actor.role !== 'partner') {
      if (f.inForce) words.push(anyOf('inForce', [f.inForce]))
      const page = this.institutions.search({ words, order: institutionOrder(f, (r) => r.inForce), ...window })
      return { items: page.ids.map((id) => this.institutions.get(id)!.item), total: page.total, capped: page.capped }
    }
    const own = actor.institutionId ?? NO_ID
    const visible = this.institutions.search({
      words,
      where: (r) => r.item.isHome || r.id === own,
      order: institutionOrder({ sort: 'name', dir: 'asc' }, () => 0),
      offset: 0,
      limit: Number.MAX_SAFE_INTEGER,
      cap: Number.MAX_SAFE_INTEGER,
    })
    const counts = this.#partnerCounts(own, visible.ids)
    const inForce = (r: InstitutionEntry) => counts.get(r.id)!.agreementsInForce
    const found = visible.ids
      .map((id) => this.institutions.get(id)!)
      .filter((r) => !f.inForce || (f.inForce === 'true') === inForce(r) > 0)
      .sort(institutionOrder(f, inForce).compare)
    return {
      items: found.slice(window.offset, window.offset + window.limit).map((r) => ({ ...r.item, ...counts.get(r.id)! })),
      total: Math.min(found.length, window.cap),
      capped: found.length > window.cap,
    }
  }

  /** Each institution's agreements that `own` is also a party to: in force, all, and the next end. */
  #partnerCounts(own: string, ids: string[]) {
    type Counts = Pick<InstitutionListItem, 'agreementsInForce' | 'agreementsTotal' | 'nextEndDate'>
    const counts = new Map<string, Counts>(ids.map((id) => [id, { agreementsInForce: 0, agreementsTotal: 0, nextEndDate: null }]))
    for (const a of this.agreements.having(partyWord(own))) {
      const inForce = IN_FORCE.includes(a.status as never)
      for (const party of new Set(a.parties)) {
        const c = counts.get(party)
        if (!c) continue
        c.agreementsTotal++
        if (!inForce) continue
        c.agreementsInForce++
        if (a.end && (c.nextEndDate === null || a.end < c.nextEndDate)) c.nextEndDate = a.end
      }
    }
    return counts
  }
}

const lists = new WeakMap<Kysely<DB>, RegistryLists>()

/** The lists of this process for this database. */
export function registryLists(db: Kysely<DB>): RegistryLists {
  let found = lists.get(db)
  if (!found) {
    found = new RegistryLists(db)
    lists.set(db, found)
  }
  return found
}
