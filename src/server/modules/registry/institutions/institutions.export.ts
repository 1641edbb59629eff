import type { Column } from '../../../http/table-export.js'
import type { InstitutionListItem } from './institutions.schema.js'

export const institutionColumns: Column<InstitutionListItem>[] = [
  { header: 'Name', value: (i) => i.name, width: 40 },
  { header: 'Type', value: (i) => i.kind, width: 16 },
  { header: 'Country', value: (i) => i.country, width: 8 },
  { header: 'City', value: (i) => i.city },
  { header: 'Erasmus code', value: (i) => i.erasmusCode, width: 14 },
  { header: 'SCHAC', value: (i) => i.schacId },
  { header: 'ROR', value: (i) => i.rorId, width: 12 },
  { header: 'Website', value: (i) => i.website, width: 30 },
  { header: 'Tags', value: (i) => i.tags.join('; ') },
  { header: 'Agreements in force', value: (i) => i.agreementsInForce, width: 10 },
  { header: 'Agreements', value: (i) => i.agreementsTotal, width: 10 },
  { header: 'Next end date', value: (i) => i.nextEndDate, width: 12 },
]
