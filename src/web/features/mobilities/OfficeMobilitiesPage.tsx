import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Popover,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MobilityListItemDto } from '../../../shared/api/mobilities'
import { MOBILITY_STATUSES, type MobilityStatus } from '../../../shared/mobilities'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { inLanguage } from '../catalog/types'

const WorldMap = lazy(() => import('../../components/WorldMap').then((m) => ({ default: m.WorldMap })))

/** One line of the office's list, as the API answers it (src/shared/api/mobilities.ts). */
export type MobilityListItem = MobilityListItemDto

const today = () => new Date().toISOString().slice(0, 10)
const SEVERITY_COLOUR = { info: 'gray', concern: 'orange', emergency: 'red' } as const

/**
 * The office's outgoing mobilities: who is abroad where on a day (a list and a map, each person's
 * emergency contact a click away), or every mobility in a state.
 */
export function OfficeMobilitiesPage() {
  const { t, i18n } = useTranslation()
  const [view, setView] = useState<'onDay' | MobilityStatus>('onDay')
  const [on, setOn] = useState(today())
  const [country, setCountry] = useState<string | null>(null)
  const params = new URLSearchParams(view === 'onDay' ? { on } : { status: view })
  if (country) params.set('country', country)
  const found = useQuery({
    queryKey: ['mobilities', params.toString()],
    queryFn: () => api<{ items: MobilityListItem[] }>(`/api/mobilities?${params}`),
  })
  // The map counts every country of the view, whichever is picked in it.
  const all = new URLSearchParams(params)
  all.delete('country')
  const forMap = useQuery({
    queryKey: ['mobilities', all.toString()],
    queryFn: () => api<{ items: MobilityListItem[] }>(`/api/mobilities?${all}`),
    enabled: view === 'onDay',
  })
  const counts = new Map<string, number>()
  for (const m of forMap.data?.items ?? []) counts.set(m.host.country, (counts.get(m.host.country) ?? 0) + 1)

  const pendingSurveys = useQuery({
    queryKey: ['surveys', 'pending-count'],
    queryFn: () => api<{ total: number }>('/api/surveys?status=pending&pageSize=1'),
  })

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('mobilities.title')}</Title>
        <AnchorLink to="/office/surveys">{t('mobilities.surveys', { count: pendingSurveys.data?.total ?? 0 })}</AnchorLink>
      </Group>
      <Group align="end">
        <SegmentedControl
          aria-label={t('mobilities.view')}
          value={view}
          onChange={(v) => {
            setView(v as typeof view)
            setCountry(null)
          }}
          data={[
            { value: 'onDay', label: t('mobilities.abroadOn') },
            ...MOBILITY_STATUSES.map((s) => ({ value: s, label: t(`mobility.statuses.${s}`) })),
          ]}
        />
        {view === 'onDay' && (
          <TextInput type="date" label={t('mobilities.day')} value={on} onChange={(e) => setOn(e.currentTarget.value)} />
        )}
        {country && (
          <Button variant="light" size="sm" onClick={() => setCountry(null)}>
            {t('mobilities.allCountries', { country: countryName(country) })}
          </Button>
        )}
      </Group>
      {view === 'onDay' && (
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <WorldMap
            label={t('mobilities.mapLabel', { date: formatDate(on) })}
            counts={counts}
            selected={country ? [country] : []}
            describe={(code, n) => t('mobilities.mapCountry', { country: countryName(code), count: n })}
            onOpen={(code) => setCountry((c) => (c === code ? null : code))}
            legendLabel={t('mobilities.mapLegend')}
            noneLabel={t('mobilities.mapNone')}
          />
        </Suspense>
      )}
      <ProblemAlert error={found.error} />
      {!found.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : found.data.items.length === 0 ? (
        <Alert>{t(view === 'onDay' ? 'mobilities.nobodyAbroad' : 'mobilities.none')}</Alert>
      ) : (
        <Table striped aria-label={t('mobilities.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mobilities.student')}</Table.Th>
              <Table.Th>{t('mobilities.host')}</Table.Th>
              <Table.Th>{t('mobilities.dates')}</Table.Th>
              <Table.Th>{t('mobilities.checklist')}</Table.Th>
              <Table.Th>{t('mobilities.emergency')}</Table.Th>
              <Table.Th>{t('mobilities.incidents')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {found.data.items.map((m) => (
              <Table.Tr key={m.applicationId}>
                <Table.Td>
                  <AnchorLink to="/mobilities/$applicationId" params={{ applicationId: m.applicationId }}>
                    {m.student.name}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {inLanguage(m.opportunityTitle, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {m.host.name}
                  <Text size="xs" c="dimmed">
                    {[m.host.city, countryName(m.host.country)].filter(Boolean).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Dates m={m} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={m.checklist.verified === m.checklist.total ? 'green' : 'dimmed'}>
                    {t('checklist.progress', m.checklist)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <EmergencyContact m={m} />
                </Table.Td>
                <Table.Td>
                  {m.incidents > 0 && m.lastSeverity ? (
                    <Badge color={SEVERITY_COLOUR[m.lastSeverity]}>{t('mobilities.incidentCount', { count: m.incidents })}</Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function Dates({ m }: { m: MobilityListItem }) {
  const { t } = useTranslation()
  if (m.arrivedOn)
    return (
      <Text size="sm">
        {t('mobilities.since', { date: formatDate(m.arrivedOn) })}
        {m.leftOn
          ? ` · ${t('mobility.leftOn', { date: formatDate(m.leftOn) })}`
          : m.returnOn
            ? ` · ${t('mobilities.until', { date: formatDate(m.returnOn) })}`
            : ''}
      </Text>
    )
  if (m.departOn) return <Text size="sm">{t('mobilities.departs', { date: formatDate(m.departOn) })}</Text>
  return <Text size="sm">{m.plannedStart ? `${m.plannedStart} – ${m.plannedEnd}` : '—'}</Text>
}

/** The emergency contact one click away: name, relationship and a telephone link. */
function EmergencyContact({ m }: { m: MobilityListItem }) {
  const { t } = useTranslation()
  const c = m.emergencyContact
  if (!c) return <Text size="sm">{t('mobilities.noContact')}</Text>
  return (
    <Popover width={280} position="bottom-end" withArrow>
      <Popover.Target>
        <Button size="compact-sm" variant="light" color="red">
          {t('mobilities.contactOf', { name: m.student.name })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text fw={600}>
            {c.name} ({c.relationship})
          </Text>
          <Anchor href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</Anchor>
          {c.email && <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>}
          <Text size="xs" c="dimmed">
            {t('mobilities.studentEmail')}: <Anchor href={`mailto:${m.student.email}`}>{m.student.email}</Anchor>
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
