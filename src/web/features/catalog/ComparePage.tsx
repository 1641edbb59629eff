import { Table, Text, Title, VisuallyHidden } from '@mantine/core'
import { useQueries } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { CatalogFrame } from './CatalogFrame'
import { feeText, useCatalogLabel } from './labels'
import { inLanguage, type Opportunity } from './types'

/** Up to four opportunities side by side: clinical practice, language and partnership first. */
export function ComparePage({ ids }: { ids: string[] }) {
  const { t, i18n } = useTranslation()
  const found = useQueries({
    queries: ids.map((id) => ({ queryKey: ['catalog', 'item', id], queryFn: () => api<Opportunity>(`/api/catalog/${id}`) })),
  })
  const items = found.flatMap((q) => (q.data ? [q.data] : []))
  const error = found.find((q) => q.error)?.error
  const value = useCatalogLabel()
  const rows: [string, (o: Opportunity) => ReactNode][] = [
    [
      t('catalog.clinicalPractice'),
      (o) =>
        o.clinicalPractice
          ? `${value('clinical', 'yes')}${o.clinicalHoursPerWeek ? ` · ${o.clinicalHoursPerWeek} ${t('catalog.hoursAWeek')}` : ''}`
          : value('clinical', 'no'),
    ],
    [
      t('catalog.facets.language'),
      (o) => o.languages.map((l) => `${value('language', l.language)}${l.minLevel ? ` (${l.minLevel})` : ''}`).join(', ') || '—',
    ],
    [t('catalog.languagePreparation'), (o) => o.languagePreparation ?? '—'],
    [t('catalog.partnership'), (o) => (o.agreementId ? t('catalog.underAgreement') : '—')],
    [t('catalog.host'), (o) => `${o.host.name}, ${[o.host.city, countryName(o.host.country)].filter(Boolean).join(', ')}`],
    [t('catalog.facets.kind'), (o) => value('kind', o.kind)],
    [t('catalog.facets.specialty'), (o) => (o.specialty ? value('specialty', o.specialty) : '—')],
    [t('catalog.facets.duration'), (o) => (o.durationWeeks ? t('catalog.weeks', { count: o.durationWeeks }) : '—')],
    [
      t('catalog.period'),
      (o) => o.blocks.map((b) => `${formatDate(b.startsOn)} – ${formatDate(b.endsOn)} (${b.capacity})`).join('; ') || '—',
    ],
    [t('catalog.facets.cost'), (o) => feeText(o, value('cost', 'free'))],
    [t('catalog.applyBy'), (o) => formatDate(o.applicationDeadline)],
    [t('catalog.requirements'), (o) => o.requirements.map((r) => value('requirement', r)).join(', ') || '—'],
  ]
  return (
    <CatalogFrame size="xl">
      <Title order={1} mb="md">
        {t('catalog.compareTitle')}
      </Title>
      {error ? <ProblemAlert error={error} /> : null}
      {ids.length === 0 ? <Text c="dimmed">{t('catalog.compareNone')}</Text> : null}
      {items.length ? (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder withColumnBorders bg="white" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={180}>
                  <VisuallyHidden>{t('catalog.compareTitle')}</VisuallyHidden>
                </Table.Th>
                {items.map((o) => (
                  <Table.Th key={o.id} scope="col">
                    <AnchorLink to="/catalog/$id" params={{ id: o.id }}>
                      {inLanguage(o.title, i18n.language)}
                    </AnchorLink>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([label, cell]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row">{label}</Table.Th>
                  {items.map((o) => (
                    <Table.Td key={o.id}>{cell(o)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </CatalogFrame>
  )
}
