/** The catalog's filters, kept in the URL so a search can be shared. Lists are comma-separated. */
export interface CatalogSearch {
  q?: string
  country?: string
  kind?: string
  specialty?: string
  language?: string
  minLevel?: string
  clinical?: string
  duration?: string
  period?: string
  cost?: string
  sort?: 'relevance' | 'deadline' | 'title' | 'duration' | 'fee'
  dir?: 'asc' | 'desc'
  page?: number
  /** Opportunities picked for comparison (ids, comma-separated, at most four). */
  compare?: string
  /** The results on a world map as well as listed. */
  view?: 'map'
}

export const COMPARE_MAX = 4

export const CATALOG_FACETS = [
  'kind',
  'country',
  'language',
  'minLevel',
  'clinical',
  'specialty',
  'duration',
  'period',
  'cost',
] as const
export type CatalogFacet = (typeof CATALOG_FACETS)[number]

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
const SORTS = ['relevance', 'deadline', 'title', 'duration', 'fee']

export function validateCatalogSearch(s: Record<string, unknown>): CatalogSearch {
  const out: CatalogSearch = { q: str(s.q) }
  for (const facet of CATALOG_FACETS) out[facet] = str(s[facet])
  if (SORTS.includes(s.sort as string)) out.sort = s.sort as CatalogSearch['sort']
  if (s.dir === 'desc' || s.dir === 'asc') out.dir = s.dir
  if (typeof s.page === 'number' && s.page > 1) out.page = s.page
  const compare = str(s.compare)?.split(',').filter(Boolean).slice(0, COMPARE_MAX)
  if (compare?.length) out.compare = compare.join(',')
  if (s.view === 'map') out.view = 'map'
  return out
}
