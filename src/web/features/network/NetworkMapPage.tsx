import { Card, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { CountryStatDto } from '../../../shared/api/agreements'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { WorldMap } from '../../components/WorldMap'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'

type CountryStat = CountryStatDto

/** The network on a world map drawn offline from world-atlas; the same figures as a table for screen readers. */
export function NetworkMapPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const stats = useQuery({ queryKey: ['network', 'countries'], queryFn: () => api<CountryStat[]>('/api/network/countries') })
  const byCountry = useMemo(() => new Map((stats.data ?? []).map((s) => [s.country, s])), [stats.data])
  // Countries with partners; the shade is the agreements in force.
  const counts = useMemo(
    () => new Map((stats.data ?? []).filter((s) => s.institutions > 0).map((s) => [s.country, s.agreementsInForce])),
    [stats.data],
  )
  const open = (code: string) => navigate({ to: '/agreements', search: { country: code, status: 'active,expiring' } })
  const rows = (stats.data ?? []).filter((s) => s.institutions > 0)

  return (
    <Stack>
      <Title order={1}>{t('network.title')}</Title>
      <Text c="dimmed">{t('network.hint')}</Text>
      <ProblemAlert error={stats.error} />
      <Card withBorder p="xs">
        <WorldMap
          label={t('network.mapLabel')}
          counts={counts}
          describe={(code, n) => {
            const stat = byCountry.get(code)
            return `${countryName(code)}: ${t('network.inForce', { count: n })}${stat ? `, ${t('network.partners', { count: stat.institutions })}` : ''}`
          }}
          onOpen={open}
          legendLabel={t('network.legend')}
          noneLabel={t('network.noPartners')}
        />
      </Card>
      <Table striped aria-label={t('network.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('list.country')}</Table.Th>
            <Table.Th>{t('network.partnersColumn')}</Table.Th>
            <Table.Th>{t('network.partnersInForce')}</Table.Th>
            <Table.Th>{t('network.agreementsInForce')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows
            .sort(
              (a, b) => b.agreementsInForce - a.agreementsInForce || countryName(a.country).localeCompare(countryName(b.country)),
            )
            .map((s) => (
              <Table.Tr key={s.country}>
                <Table.Td>
                  <AnchorLink to="/partners" search={{ country: s.country }}>
                    {countryName(s.country)}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{s.institutions}</Table.Td>
                <Table.Td>{s.partnersInForce}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/agreements" search={{ country: s.country, status: 'active,expiring' }}>
                    {s.agreementsInForce}
                  </AnchorLink>
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
