import {
  Anchor,
  Badge,
  Box,
  Card,
  Checkbox,
  Container,
  Grid,
  Group,
  Loader,
  NativeSelect,
  Pagination,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { FavouriteButton, FavouritesPanel } from './favourites'
import { feeText, useCatalogLabel } from './labels'
import { CATALOG_FACETS, type CatalogFacet, type CatalogSearch, COMPARE_MAX } from './search'
import { type CatalogAnswer, type CatalogItem, inLanguage, READABLE } from './types'

const PAGE_SIZE = 20
// The map (world-atlas and d3-geo) loads only when someone asks for it.
const CatalogMap = lazy(() => import('./CatalogMap'))

function ResultCard({
  item,
  compared,
  onCompare,
  compareFull,
}: {
  item: CatalogItem
  compared: boolean
  onCompare: (on: boolean) => void
  compareFull: boolean
}) {
  const { t, i18n } = useTranslation()
  const label = useCatalogLabel()
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <AnchorLink to="/catalog/$id" params={{ id: item.id }} fw={600} size="lg">
            {inLanguage(item.title, i18n.language)}
          </AnchorLink>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge variant="light" styles={READABLE.blue}>
              {label('kind', item.kind)}
            </Badge>
            <FavouriteButton item={item} />
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {item.host.name} · {[item.host.city, countryName(item.host.country)].filter(Boolean).join(', ')}
        </Text>
        <Group gap="xs">
          {item.clinicalPractice ? (
            <Badge color="teal" variant="light" styles={READABLE.teal}>
              {t('catalog.clinicalPractice')}
            </Badge>
          ) : null}
          {item.languages.map((l) => (
            <Badge key={l.language} variant="outline" color="gray" styles={READABLE.gray}>
              {label('language', l.language)}
              {l.minLevel ? ` ${l.minLevel}` : ''}
            </Badge>
          ))}
          {item.specialty ? (
            <Badge variant="outline" color="grape" styles={READABLE.grape}>
              {label('specialty', item.specialty)}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">
          {[
            item.durationWeeks ? t('catalog.weeks', { count: item.durationWeeks }) : null,
            feeText(item, label('cost', 'free')),
            item.applicationDeadline ? t('catalog.deadline', { date: formatDate(item.applicationDeadline) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Checkbox
          size="xs"
          label={t('catalog.compare')}
          checked={compared}
          disabled={!compared && compareFull}
          onChange={(e) => onCompare(e.currentTarget.checked)}
          aria-label={`${t('catalog.compare')}: ${inLanguage(item.title, i18n.language)}`}
        />
      </Stack>
    </Card>
  )
}

/** The public catalog of opportunities: text search, facets with counts, sort, pages; all in the URL. */
export function CatalogPage({ search }: { search: CatalogSearch }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const label = useCatalogLabel()
  const [text, setText] = useState(search.q ?? '')
  const page = search.page ?? 1
  const set = (patch: Partial<CatalogSearch>) =>
    navigate({ from: '/catalog', to: '/catalog', search: (prev) => ({ ...prev, ...patch, page: patch.page }), replace: true })

  // Typing searches after a pause, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) set({ q: text || undefined })
    }, 300)
    return () => clearTimeout(timer)
  })

  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) })
  if (search.q) params.set('q', search.q)
  for (const facet of CATALOG_FACETS) if (search[facet]) params.set(facet, search[facet]!)
  if (search.sort) params.set('sort', search.sort)
  if (search.dir) params.set('dir', search.dir)
  const answer = useQuery({
    queryKey: ['catalog', params.toString()],
    queryFn: () => api<CatalogAnswer>(`/api/catalog?${params}`),
    placeholderData: keepPreviousData,
  })
  const chosen = (facet: CatalogFacet) => (search[facet] ? search[facet]!.split(',') : [])
  const toggle = (facet: CatalogFacet, value: string, on: boolean) => {
    const next = on ? [...chosen(facet), value] : chosen(facet).filter((v) => v !== value)
    set({ [facet]: next.length ? next.join(',') : undefined })
  }
  const pages = Math.max(1, Math.ceil((answer.data?.total ?? 0) / PAGE_SIZE))
  const compared = search.compare ? search.compare.split(',') : []

  return (
    <Box bg="gray.0" mih="100vh">
      <Container size="xl" py="md">
        <Group justify="space-between" mb="md">
          <Group gap="sm">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm">
            <AnchorLink to="/calls" search={{ phase: 'open' }} size="sm">
              {t('calls.publicTitle')}
            </AnchorLink>
            <LanguageSwitcher compact />
            <AnchorLink to="/sign-in" size="sm">
              {t('catalog.signIn')}
            </AnchorLink>
          </Group>
        </Group>
        <Stack component="main" gap="md">
          <Title order={1}>{t('catalog.title')}</Title>
          <TextInput
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            placeholder={t('catalog.searchPlaceholder')}
            aria-label={t('catalog.search')}
            leftSection={<IconSearch size={16} aria-hidden />}
            size="md"
          />
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 3 }}>
              <Stack gap="md" component="nav" aria-label={t('catalog.filters')}>
                {CATALOG_FACETS.map((facet) => {
                  const counts = answer.data?.facets[facet] ?? {}
                  const values = [...new Set([...Object.keys(counts), ...chosen(facet)])].sort(
                    (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0),
                  )
                  if (values.length === 0) return null
                  return (
                    <Checkbox.Group key={facet} label={t(`catalog.facets.${facet}`)} value={chosen(facet)}>
                      <Stack gap={4} mt={4} mah={220} style={{ overflowY: 'auto' }}>
                        {values.slice(0, 30).map((value) => (
                          <Checkbox
                            key={value}
                            value={value}
                            size="xs"
                            label={`${label(facet, value)} (${counts[value] ?? 0})`}
                            onChange={(e) => toggle(facet, value, e.currentTarget.checked)}
                          />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  )
                })}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text size="sm" aria-live="polite">
                    {answer.data ? t('catalog.found', { count: answer.data.total }) : t('app.loading')}
                  </Text>
                  <Group gap="xs">
                    <SegmentedControl
                      size="xs"
                      aria-label={t('catalog.view')}
                      value={search.view ?? 'list'}
                      onChange={(v) => set({ view: v === 'map' ? 'map' : undefined, page: search.page })}
                      data={[
                        { value: 'list', label: t('catalog.viewList') },
                        { value: 'map', label: t('catalog.viewMap') },
                      ]}
                    />
                    <NativeSelect
                      size="xs"
                      w={200}
                      aria-label={t('catalog.sort')}
                      value={search.sort ?? 'relevance'}
                      onChange={(e) => {
                        const sort = e.currentTarget.value as NonNullable<CatalogSearch['sort']>
                        set({ sort: sort === 'relevance' ? undefined : sort, dir: sort === 'relevance' ? undefined : 'asc' })
                      }}
                      data={(['relevance', 'deadline', 'title', 'duration', 'fee'] as const).map((s) => ({
                        value: s,
                        label: t(`catalog.sorts.${s}`),
                      }))}
                    />
                  </Group>
                </Group>
                {search.view === 'map' && answer.data ? (
                  <Suspense fallback={<Loader size="sm" role="status" aria-label={t('app.loading')} />}>
                    <CatalogMap
                      counts={answer.data.facets.country ?? {}}
                      selected={chosen('country')}
                      onToggle={(code) => toggle('country', code, !chosen('country').includes(code))}
                    />
                  </Suspense>
                ) : null}
                <FavouritesPanel />
                {answer.error ? <ProblemAlert error={answer.error} /> : null}
                {compared.length ? (
                  <Group justify="space-between" p="xs" bg="blue.0" style={{ borderRadius: 4 }}>
                    <Text size="sm">{t('catalog.comparing', { count: compared.length, max: COMPARE_MAX })}</Text>
                    <ButtonLink to="/catalog/compare" search={{ ids: compared.join(',') }} size="xs">
                      {t('catalog.compareNow')}
                    </ButtonLink>
                  </Group>
                ) : null}
                {answer.data?.items.map((item) => (
                  <ResultCard
                    key={item.id}
                    item={item}
                    compared={compared.includes(item.id)}
                    compareFull={compared.length >= COMPARE_MAX}
                    onCompare={(on) =>
                      set({
                        compare: (on ? [...compared, item.id] : compared.filter((id) => id !== item.id)).join(',') || undefined,
                        page: search.page,
                      })
                    }
                  />
                ))}
                {answer.data && answer.data.total === 0 ? (
                  <Text c="dimmed">
                    {t('catalog.none')}{' '}
                    <Anchor
                      component="button"
                      onClick={() => {
                        setText('')
                        navigate({ to: '/catalog', search: {} })
                      }}
                    >
                      {t('catalog.clear')}
                    </Anchor>
                  </Text>
                ) : null}
                {pages > 1 ? <Pagination value={page} total={pages} onChange={(p) => set({ page: p })} /> : null}
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      </Container>
    </Box>
  )
}
