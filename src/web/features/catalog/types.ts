export interface CatalogItem {
  id: string
  kind: string
  direction: 'outgoing' | 'incoming'
  host: { id: string; name: string; country: string; city: string | null }
  title: Record<string, string>
  specialty: string | null
  languages: { language: string; minLevel: string | null }[]
  clinicalPractice: boolean
  durationWeeks: number | null
  feeAmount: number | null
  feeCurrency: string | null
  applicationDeadline: string | null
  requirements: string[]
  blocks: { id: string; label: string | null; startsOn: string; endsOn: string; capacity: number }[]
}

export interface CatalogAnswer {
  items: CatalogItem[]
  total: number
  page: number
  pageSize: number
  facets: Record<string, Record<string, number>>
}

export interface Opportunity extends CatalogItem {
  agreementId: string | null
  description: Record<string, string>
  department: string | null
  isced: string | null
  languagePreparation: string | null
  clinicalHoursPerWeek: number | null
  yearsOfStudy: number[]
  minGrade: number | null
  prerequisites: string | null
  funding: string | null
  housing: string | null
  contactName: string | null
  contactEmail: string | null
}

/** A text in the reader's language, else English, else any. */
export { inLanguage } from '../../../shared/text'

export { READABLE } from '../../components/ToneBadge'
