import { Badge, Group, List, Paper, Stack, Table, Text, Title, TypographyStylesProvider } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { OpportunityCalls } from '../calls/OpportunityCalls'
import { CatalogFrame } from './CatalogFrame'
import { feeText, useCatalogLabel } from './labels'
import { inLanguage, type Opportunity, READABLE } from './types'

// Below the fold and with its own request: kept out of the catalog's first bundle.
const CatalogReviews = lazy(() => import('./CatalogReviews'))

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  )
}

/** One published opportunity, as a student (or their parents) would read it. */
export function CatalogDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const found = useQuery({ queryKey: ['catalog', 'item', id], queryFn: () => api<Opportunity>(`/api/catalog/${id}`) })
  const o = found.data
  const value = useCatalogLabel()
  return (
    <CatalogFrame size="md">
      {found.error ? <ProblemAlert error={found.error} /> : null}
      {o ? (
        <Paper component="main" withBorder p="xl" radius="md">
          <Stack gap="md">
            <Group gap="xs">
              <Badge variant="light" styles={READABLE.blue}>
                {value('kind', o.kind)}
              </Badge>
              {o.clinicalPractice ? (
                <Badge color="teal" variant="light" styles={READABLE.teal}>
                  {t('catalog.clinicalPractice')}
                </Badge>
              ) : null}
            </Group>
            <Title order={1}>{inLanguage(o.title, i18n.language)}</Title>
            <Text c="dimmed">
              {o.host.name} · {[o.host.city, countryName(o.host.country)].filter(Boolean).join(', ')}
            </Text>
            {inLanguage(o.description, i18n.language) ? (
              <TypographyStylesProvider>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (sanitize-html, an allow-list) when saved; the CSP forbids inline scripts besides */}
                <div dangerouslySetInnerHTML={{ __html: inLanguage(o.description, i18n.language) }} />
              </TypographyStylesProvider>
            ) : null}
            <Group gap="xl" align="flex-start">
              <Fact label={t('catalog.facets.language')}>
                {o.languages.map((l) => `${value('language', l.language)}${l.minLevel ? ` (${l.minLevel})` : ''}`).join(', ') ||
                  '—'}
              </Fact>
              <Fact label={t('catalog.facets.duration')}>
                {o.durationWeeks ? t('catalog.weeks', { count: o.durationWeeks }) : '—'}
              </Fact>
              <Fact label={t('catalog.facets.cost')}>{feeText(o, value('cost', 'free'))}</Fact>
              <Fact label={t('catalog.applyBy')}>{formatDate(o.applicationDeadline)}</Fact>
              {o.specialty ? <Fact label={t('catalog.facets.specialty')}>{value('specialty', o.specialty)}</Fact> : null}
              {o.clinicalHoursPerWeek ? <Fact label={t('catalog.clinicalHours')}>{o.clinicalHoursPerWeek}</Fact> : null}
            </Group>
            {o.languagePreparation ? <Fact label={t('catalog.languagePreparation')}>{o.languagePreparation}</Fact> : null}
            {o.blocks.length ? (
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalog.period')}</Table.Th>
                    <Table.Th>{t('catalog.dates')}</Table.Th>
                    <Table.Th>{t('catalog.places')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.blocks.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{b.label ?? '—'}</Table.Td>
                      <Table.Td>
                        {formatDate(b.startsOn)} – {formatDate(b.endsOn)}
                      </Table.Td>
                      <Table.Td>{b.capacity}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {o.requirements.length ? (
              <div>
                <Text fw={600} size="sm">
                  {t('catalog.requirements')}
                </Text>
                <List size="sm">
                  {o.requirements.map((r) => (
                    <List.Item key={r}>{value('requirement', r)}</List.Item>
                  ))}
                </List>
              </div>
            ) : null}
            {o.housing ? <Fact label={t('catalog.housing')}>{o.housing}</Fact> : null}
            {o.funding ? <Fact label={t('catalog.funding')}>{o.funding}</Fact> : null}
            <OpportunityCalls opportunityId={o.id} />
            {o.contactEmail ? (
              <Fact label={t('catalog.contact')}>
                {o.contactName ? `${o.contactName} · ` : ''}
                <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
              </Fact>
            ) : null}
            <Suspense fallback={null}>
              <CatalogReviews opportunityId={o.id} />
            </Suspense>
          </Stack>
        </Paper>
      ) : null}
    </CatalogFrame>
  )
}
