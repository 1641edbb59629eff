import { Badge, Group, Pagination, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core'
import { IconArrowsSort, IconFileImport, IconPlus, IconSortAscending, IconSortDescending } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { CountryMultiSelect, ExportButtons, ListSearch } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { Page } from '../../lib/types'
import type { PartnersSearch } from './search'
import { INSTITUTION_KINDS, type InstitutionItem } from './types'

const PAGE_SIZE = 25

export function SortHeader({
  label,
  column,
  sort,
  dir,
  onSort,
}: {
  label: string
  column: string
  sort: string
  dir: 'asc' | 'desc'
  onSort: (column: string) => void
}) {
  const active = sort === column
  const Icon = !active ? IconArrowsSort : dir === 'asc' ? IconSortAscending : IconSortDescending
  return (
    <Table.Th aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

export function PartnersPage({ search }: { search: PartnersSearch }) {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const canWrite = user.role === 'admin' || user.role === 'officer'
  const sort = search.sort ?? 'name'
  const dir = search.dir ?? 'asc'
  const page = search.page ?? 1
  const set = (patch: Partial<PartnersSearch>) =>
    navigate({ from: '/partners', to: '/partners', search: (prev) => ({ ...prev, ...patch, page: patch.page }), replace: true })

  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), sort, dir, partnersOnly: 'true' })
  for (const key of ['q', 'country', 'kind', 'inForce', 'tag'] as const) if (search[key]) params.set(key, String(search[key]))
  const list = useQuery({
    queryKey: ['institutions', 'list', params.toString()],
    queryFn: () => api<Page<InstitutionItem>>(`/api/institutions?${params}`),
    placeholderData: keepPreviousData,
  })
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE))
  const onSort = (column: string) =>
    set({ sort: column as PartnersSearch['sort'], dir: sort === column && dir === 'asc' ? 'desc' : 'asc' })

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('partners.title')}</Title>
        {canWrite ? (
          <Group gap="xs">
            <ButtonLink to="/partners/import" variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
              {t('partners.import')}
            </ButtonLink>
            <ButtonLink to="/partners/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('partners.add')}
            </ButtonLink>
          </Group>
        ) : null}
      </Group>
      <Group align="end" wrap="wrap">
        <ListSearch initial={search.q ?? ''} hint={t('partners.searchHint')} onSearch={(q) => set({ q })} />
        <CountryMultiSelect
          label={t('list.country')}
          value={search.country ? search.country.split(',') : []}
          onChange={(v) => set({ country: v.join(',') || undefined })}
          w={240}
        />
        <Select
          label={t('partners.kind')}
          placeholder={t('list.any')}
          data={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={search.kind ?? null}
          onChange={(v) => set({ kind: v ?? undefined })}
          clearable
          w={200}
        />
        <Select
          label={t('partners.agreements')}
          placeholder={t('list.any')}
          data={[
            { value: 'true', label: t('partners.withInForce') },
            { value: 'false', label: t('partners.withoutInForce') },
          ]}
          value={search.inForce ?? null}
          onChange={(v) => set({ inForce: (v as 'true' | 'false' | null) ?? undefined })}
          clearable
          w={200}
        />
        {search.tag ? (
          <Badge
            size="lg"
            variant="light"
            rightSection={
              <UnstyledButton aria-label={t('list.clear')} onClick={() => set({ tag: undefined })}>
                ×
              </UnstyledButton>
            }
          >
            #{search.tag}
          </Badge>
        ) : null}
      </Group>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" aria-live="polite">
          {t('list.count', { count: list.data?.totalCapped ? `${list.data.total}+` : (list.data?.total ?? 0) })}
        </Text>
        <ExportButtons path="/api/institutions/export" params={params} />
      </Group>
      <ProblemAlert error={list.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover aria-label={t('partners.title')}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader label={t('partners.name')} column="name" sort={sort} dir={dir} onSort={onSort} />
              <SortHeader label={t('list.country')} column="country" sort={sort} dir={dir} onSort={onSort} />
              <SortHeader label={t('partners.city')} column="city" sort={sort} dir={dir} onSort={onSort} />
              <Table.Th>{t('partners.kind')}</Table.Th>
              <Table.Th>{t('partners.codes')}</Table.Th>
              <SortHeader label={t('partners.inForce')} column="agreements" sort={sort} dir={dir} onSort={onSort} />
              <Table.Th>{t('partners.nextEnd')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <AnchorLink to="/partners/$id" params={{ id: i.id }} fw={500}>
                    {i.name}
                  </AnchorLink>
                  {i.tags.length ? (
                    <Group gap={4} mt={2}>
                      {i.tags.map((tag) => (
                        <Badge key={tag} size="xs" variant="light" style={{ cursor: 'pointer' }} onClick={() => set({ tag })}>
                          #{tag}
                        </Badge>
                      ))}
                    </Group>
                  ) : null}
                </Table.Td>
                <Table.Td>{countryName(i.country)}</Table.Td>
                <Table.Td>{i.city ?? '—'}</Table.Td>
                <Table.Td>{t(`kinds.${i.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" style={{ whiteSpace: 'pre' }}>
                    {[i.erasmusCode, i.schacId].filter(Boolean).join('\n') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {i.agreementsInForce} / {i.agreementsTotal}
                </Table.Td>
                <Table.Td>{formatDate(i.nextEndDate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && list.data.items.length === 0 ? <Text c="dimmed">{t('list.none')}</Text> : null}
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          onChange={(p) => set({ page: p })}
          aria-label={t('common.page', { page, pages })}
        />
      ) : null}
    </Stack>
  )
}
