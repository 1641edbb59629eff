import { Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { geoNaturalEarth1, geoPath } from 'd3-geo'
import { numericToAlpha2 } from 'i18n-iso-countries'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import world from 'world-atlas/countries-110m.json'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'

interface CountryStat {
  country: string
  institutions: number
  agreementsInForce: number
  partnersInForce: number
}

const WIDTH = 960
const HEIGHT = 500
/** Classes of agreements in force, and their shades (colour-blind safe, light to dark). */
const CLASSES = [
  { min: 0, max: 0, color: '#e9ecef' },
  { min: 1, max: 1, color: '#c5dcf0' },
  { min: 2, max: 3, color: '#7fb2dd' },
  { min: 4, max: 9, color: '#3a7fc0' },
  { min: 10, max: Number.POSITIVE_INFINITY, color: '#0b4a8b' },
]
const classOf = (n: number) => CLASSES.find((c) => n >= c.min && n <= c.max)!

/** The network on a world map drawn offline from world-atlas; the same figures as a table for screen readers. */
export function NetworkMapPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [hover, setHover] = useState<string | null>(null)
  const stats = useQuery({ queryKey: ['network', 'countries'], queryFn: () => api<CountryStat[]>('/api/network/countries') })
  const byCountry = useMemo(() => new Map((stats.data ?? []).map((s) => [s.country, s])), [stats.data])
  const shapes = useMemo(() => {
    const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>
    const countries = feature(topo, topo.objects.countries)
    const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], countries)
    const path = geoPath(projection)
    return countries.features.map((f) => ({
      code: numericToAlpha2(String(f.id)) ?? null,
      d: path(f) ?? '',
      name: f.properties.name,
    }))
  }, [])
  const open = (code: string) => navigate({ to: '/agreements', search: { country: code, status: 'active,expiring' } })
  const hovered = hover ? byCountry.get(hover) : undefined
  const rows = (stats.data ?? []).filter((s) => s.institutions > 0)

  return (
    <Stack>
      <Title order={1}>{t('network.title')}</Title>
      <Text c="dimmed">{t('network.hint')}</Text>
      <ProblemAlert error={stats.error} />
      <Card withBorder p="xs">
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the map's country links */}
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="group"
          aria-label={t('network.mapLabel')}
          style={{ display: 'block' }}
        >
          <title>{t('network.mapLabel')}</title>
          {shapes.map((s, i) => {
            const stat = s.code ? byCountry.get(s.code) : undefined
            const n = stat?.agreementsInForce ?? 0
            return (
              <path
                // biome-ignore lint/suspicious/noArrayIndexKey: some shapes share no code
                key={i}
                d={s.d}
                fill={stat ? classOf(n).color : '#f8f9fa'}
                stroke={hover !== null && hover === s.code ? '#1a1b1e' : '#adb5bd'}
                strokeWidth={hover !== null && hover === s.code ? 1.2 : 0.4}
                data-country={s.code ?? undefined}
                {...(stat && s.code
                  ? {
                      role: 'link',
                      tabIndex: 0,
                      'aria-label': `${countryName(s.code)}: ${t('network.inForce', { count: n })}`,
                      style: { cursor: 'pointer', outline: 'none' },
                      onMouseEnter: () => setHover(s.code),
                      onMouseLeave: () => setHover(null),
                      onFocus: () => setHover(s.code),
                      onBlur: () => setHover(null),
                      onClick: () => open(s.code!),
                      onKeyDown: (e: React.KeyboardEvent) => (e.key === 'Enter' ? open(s.code!) : undefined),
                    }
                  : { 'aria-hidden': true })}
              >
                <title>{s.code ? `${countryName(s.code)}: ${t('network.inForce', { count: n })}` : s.name}</title>
              </path>
            )
          })}
        </svg>
        <Group justify="space-between" mt="xs" wrap="wrap">
          <Group gap="md" aria-label={t('network.legend')}>
            <Text size="xs" fw={600}>
              {t('network.legend')}
            </Text>
            {CLASSES.map((c) => (
              <Group key={c.min} gap={4}>
                <span
                  style={{ display: 'inline-block', width: 14, height: 14, background: c.color, border: '1px solid #adb5bd' }}
                  aria-hidden
                />
                <Text size="xs">{c.max === c.min ? c.min : Number.isFinite(c.max) ? `${c.min}–${c.max}` : `${c.min}+`}</Text>
              </Group>
            ))}
            <Group gap={4}>
              <span
                style={{ display: 'inline-block', width: 14, height: 14, background: '#f8f9fa', border: '1px solid #adb5bd' }}
                aria-hidden
              />
              <Text size="xs">{t('network.noPartners')}</Text>
            </Group>
          </Group>
          <Text size="sm" aria-live="polite">
            {hover && hovered
              ? `${countryName(hover)}: ${t('network.inForce', { count: hovered.agreementsInForce })}, ${t('network.partners', { count: hovered.institutions })}`
              : ' '}
          </Text>
        </Group>
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
