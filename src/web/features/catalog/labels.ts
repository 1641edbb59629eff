import { useTranslation } from 'react-i18next'
import { countryName, languageName } from '../../lib/format'

/** How a catalog value reads: countries and languages by name, levels and months as they are, the rest from the catalogues. */
export function useCatalogLabel() {
  const { t } = useTranslation()
  return (facet: string, value: string) => {
    if (facet === 'country') return countryName(value)
    if (facet === 'language') return languageName(value)
    if (facet === 'minLevel' || facet === 'period') return value
    return t(`catalog.values.${facet}.${value}`, { defaultValue: value.replace(/_/g, ' ') })
  }
}

/** A fee with its currency, or the words for none. */
export function feeText(o: { feeAmount: number | null; feeCurrency: string | null }, none: string): string {
  return o.feeAmount ? `${o.feeAmount} ${o.feeCurrency ?? ''}`.trim() : none
}
