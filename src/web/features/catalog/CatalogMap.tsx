import { Anchor, Card, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { WorldMap } from '../../components/WorldMap'
import { countryName } from '../../lib/format'

/**
 * The catalog's map view: countries shaded by the opportunities that match the other filters;
 * a click (or Enter) filters by the country, again to drop it. The same counts as a table.
 */
export default function CatalogMap({
  counts,
  selected,
  onToggle,
}: {
  counts: Record<string, number>
  selected: string[]
  onToggle: (code: string) => void
}) {
  const { t } = useTranslation()
  const describe = (code: string, n: number) => `${countryName(code)}: ${t('catalog.mapCount', { count: n })}`
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || countryName(a[0]).localeCompare(countryName(b[0])))
  return (
    <Card withBorder p="xs">
      <WorldMap
        label={t('catalog.mapLabel')}
        counts={new Map(Object.entries(counts))}
        selected={selected}
        describe={describe}
        onOpen={onToggle}
        legendLabel={t('catalog.mapLegend')}
        noneLabel={t('catalog.mapNone')}
        footer={
          <Table mt="xs" fz="sm" striped aria-label={t('catalog.mapTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalog.facets.country')}</Table.Th>
                <Table.Th ta="right">{t('catalog.mapColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([code, n]) => (
                <Table.Tr key={code}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => onToggle(code)}
                      aria-pressed={selected.includes(code)}
                    >
                      {countryName(code)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{n}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        }
      />
    </Card>
  )
}
