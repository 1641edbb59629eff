export interface AgreementsSearch {
  q?: string
  status?: string
  kind?: string
  country?: string
  expiringWithin?: number
  mobilityType?: string
  subjectArea?: string
  sort?: 'reference' | 'title' | 'status' | 'start' | 'end' | 'updated'
  dir?: 'asc' | 'desc'
  page?: number
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

export function validateAgreementsSearch(s: Record<string, unknown>): AgreementsSearch {
  const within = Number(s.expiringWithin)
  return {
    q: str(s.q),
    status: str(s.status),
    kind: str(s.kind),
    country: str(s.country),
    expiringWithin: Number.isInteger(within) && within >= 0 && s.expiringWithin !== undefined ? within : undefined,
    mobilityType: str(s.mobilityType),
    subjectArea: str(s.subjectArea),
    sort: ['reference', 'title', 'status', 'start', 'end', 'updated'].includes(s.sort as string)
      ? (s.sort as AgreementsSearch['sort'])
      : undefined,
    dir: s.dir === 'asc' ? 'asc' : s.dir === 'desc' ? 'desc' : undefined,
    page: typeof s.page === 'number' && s.page > 1 ? s.page : undefined,
  }
}
