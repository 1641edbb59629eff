export interface PartnersSearch {
  q?: string
  country?: string
  kind?: string
  inForce?: 'true' | 'false'
  tag?: string
  sort?: 'name' | 'country' | 'city' | 'agreements' | 'updated'
  dir?: 'asc' | 'desc'
  page?: number
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

export function validatePartnersSearch(s: Record<string, unknown>): PartnersSearch {
  return {
    q: str(s.q),
    country: str(s.country),
    kind: str(s.kind),
    inForce: s.inForce === 'true' || s.inForce === 'false' ? s.inForce : undefined,
    tag: str(s.tag),
    sort: ['name', 'country', 'city', 'agreements', 'updated'].includes(s.sort as string)
      ? (s.sort as PartnersSearch['sort'])
      : undefined,
    dir: s.dir === 'desc' ? 'desc' : s.dir === 'asc' ? 'asc' : undefined,
    page: typeof s.page === 'number' && s.page > 1 ? s.page : undefined,
  }
}
