import type { Column } from '../../../http/table-export.js'
import type { AgreementListItem } from './agreements.schema.js'

const partners = (a: AgreementListItem) => a.parties.filter((p) => !p.isHome)

export const agreementColumns: Column<AgreementListItem>[] = [
  { header: 'Reference', value: (a) => a.reference, width: 16 },
  { header: 'Title', value: (a) => a.title, width: 40 },
  { header: 'Type', value: (a) => a.kind },
  { header: 'Status', value: (a) => a.status, width: 12 },
  {
    header: 'Partners',
    value: (a) =>
      partners(a)
        .map((p) => p.name)
        .join('; '),
    width: 40,
  },
  { header: 'Countries', value: (a) => [...new Set(partners(a).map((p) => p.country))].join('; '), width: 10 },
  { header: 'Start', value: (a) => a.startDate, width: 12 },
  { header: 'End', value: (a) => a.endDate, width: 12 },
  { header: 'Mobility types', value: (a) => a.mobilityTypes.join('; '), width: 30 },
  { header: 'Places per year', value: (a) => a.placesPerYear, width: 10 },
  { header: 'Responsible', value: (a) => a.responsible?.name ?? null, width: 24 },
  { header: 'Updated', value: (a) => a.updatedAt, width: 22 },
]
