import type { Kysely } from 'kysely'
import { costBucket, durationBucket } from '../../../../shared/opportunities.js'
import type { DB } from '../../../db/schema.js'
import { iso } from '../../../http/types.js'
import { type CatalogDocument, CatalogIndex } from '../search/search-index.js'
import { publishedRows, publishedSignature } from './opportunities.repository.js'
import type { CatalogItem, CatalogQueryInput } from './opportunities.schema.js'

/** How long a process trusts its index before asking whether another one changed the catalog. */
export const CATALOG_RECHECK_MS = 5_000

const FACETS = ['country', 'city', 'kind', 'specialty', 'language', 'minLevel', 'clinical', 'duration', 'period', 'cost'] as const

const stripTags = (html: string) => html.replace(/<[^>]*>/g, ' ')

/** Months (YYYY-MM) a period runs through. */
function months(startsOn: string, endsOn: string): string[] {
  const out: string[] = []
  let [y, m] = startsOn.slice(0, 7).split('-').map(Number) as [number, number]
  const [ey, em] = endsOn.slice(0, 7).split('-').map(Number) as [number, number]
  while ((y < ey || (y === ey && m <= em)) && out.length < 60) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/**
 * The published catalog and its search index (decision 018), rebuilt when this process changes
 * the catalog, or when another one has (checked at most every CATALOG_RECHECK_MS).
 */
export class Catalog {
  #index: CatalogIndex | null = null
  #items = new Map<string, CatalogItem>()
  #signature = ''
  #checkedAt = 0
  #building: Promise<void> | null = null

  constructor(private readonly db: Kysely<DB>) {}

  /** Marks the index stale: the next search rebuilds it. */
  invalidate() {
    this.#checkedAt = 0
    this.#signature = ''
  }

  /** What the index depends on: the published opportunities and their hosts (a renamed host shows). */
  async #signatureNow(): Promise<string> {
    const row = await publishedSignature(this.db)
    const time = (d: unknown) => (d ? new Date(d as Date).getTime() : 0)
    return `${row.n}:${time(row.opportunity)}:${time(row.host)}`
  }

  async #fresh(): Promise<CatalogIndex> {
    if (this.#index && Date.now() - this.#checkedAt < CATALOG_RECHECK_MS) return this.#index
    if (!this.#building) {
      this.#building = (async () => {
        const signature = await this.#signatureNow()
        if (!this.#index || signature !== this.#signature) await this.#build(signature)
        this.#checkedAt = Date.now()
      })().finally(() => {
        this.#building = null
      })
    }
    await this.#building
    return this.#index!
  }

  async #build(signature: string) {
    const { rows, blocks } = await publishedRows(this.db)
    const blocksOf = new Map<string, typeof blocks>()
    for (const b of blocks) {
      const list = blocksOf.get(b.opportunity_id)
      if (list) list.push(b)
      else blocksOf.set(b.opportunity_id, [b])
    }
    const docs: CatalogDocument[] = []
    const items = new Map<string, CatalogItem>()
    for (const r of rows) {
      const own = blocksOf.get(r.id) ?? []
      const fee = r.fee_amount === null ? null : Number(r.fee_amount)
      const item: CatalogItem = {
        id: r.id,
        kind: r.kind,
        direction: r.direction,
        host: { id: r.host_institution_id, name: r.host_name, country: r.host_country, city: r.host_city },
        title: r.title,
        specialty: r.specialty,
        languages: r.languages,
        clinicalPractice: r.clinical_practice,
        durationWeeks: r.duration_weeks,
        feeAmount: fee,
        feeCurrency: r.fee_currency,
        applicationDeadline: r.application_deadline,
        requirements: r.requirements,
        blocks: own.map((b) => ({ id: b.id, label: b.label, startsOn: b.starts_on, endsOn: b.ends_on, capacity: b.capacity })),
      }
      items.set(r.id, item)
      const titles = Object.values(r.title)
      docs.push({
        id: r.id,
        text: [
          ...titles,
          ...Object.values(r.description).map(stripTags),
          r.host_name,
          r.host_city ?? '',
          r.specialty?.replace(/_/g, ' ') ?? '',
          r.department ?? '',
        ],
        facets: {
          country: [r.host_country],
          city: r.host_city ? [r.host_city] : [],
          kind: [r.kind],
          specialty: r.specialty ? [r.specialty] : [],
          language: r.languages.map((l) => l.language),
          minLevel: [...new Set(r.languages.flatMap((l) => (l.minLevel ? [l.minLevel] : [])))],
          clinical: [r.clinical_practice ? 'yes' : 'no'],
          duration: [durationBucket(r.duration_weeks)].filter((d): d is NonNullable<typeof d> => d !== null),
          period: [...new Set(own.flatMap((b) => months(b.starts_on, b.ends_on)))],
          cost: [costBucket(fee)],
          direction: [r.direction],
        },
        sort: {
          title: (r.title.en ?? titles[0] ?? '').toLowerCase(),
          deadline: r.application_deadline,
          duration: r.duration_weeks,
          fee,
          published: iso(r.published_at),
        },
      })
    }
    this.#index = new CatalogIndex(docs)
    this.#items = items
    this.#signature = signature
  }

  /** The catalog's list items for these ids, in that order; ids not in the catalog are left out. */
  async items(ids: string[]): Promise<CatalogItem[]> {
    await this.#fresh()
    return ids.flatMap((id) => this.#items.get(id) ?? [])
  }

  async search(query: CatalogQueryInput) {
    const index = await this.#fresh()
    const filters: Record<string, string[]> = {}
    for (const facet of FACETS) {
      const values = query[facet]
      if (values?.length) filters[facet] = values
    }
    if (query.direction) filters.direction = [query.direction]
    const answer = index.search({
      q: query.q,
      filters,
      sort: query.sort === 'relevance' ? undefined : { key: query.sort, dir: query.dir },
      page: query.page,
      pageSize: query.pageSize,
    })
    const { direction: _, ...facets } = answer.facets
    return {
      items: answer.ids.map((id) => this.#items.get(id)!),
      total: answer.total,
      page: query.page,
      pageSize: query.pageSize,
      facets,
    }
  }
}
