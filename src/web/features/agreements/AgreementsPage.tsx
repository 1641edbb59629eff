import { Group, MultiSelect, NumberInput, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, ISCED_FIELDS, MOBILITY_TYPES } from '../../../shared/agreements'
import { CountryMultiSelect, ExportButtons, ListSearch } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ButtonLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { useUser } from '../../lib/session'
import type { Page } from '../../lib/types'
import { SortHeader } from '../partners/PartnersPage'
import type { AgreementItem } from '../partners/types'
import { AgreementsTable } from './AgreementsTable'
import type { AgreementsSearch } from './search'

const PAGE_SIZE = 25

export function AgreementsPage({ search }: { search: AgreementsSearch }) {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const canWrite = user.role === 'admin' || user.role === 'officer'
  const sort = search.sort ?? 'updated'
  const dir = search.dir ?? 'desc'
  const page = search.page ?? 1
  const set = (patch: Partial<AgreementsSearch>) =>
    navigate({
      from: '/agreements',
      to: '/agreements',
      search: (prev) => ({ ...prev, ...patch, page: patch.page }),
      replace: true,
    })

  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), sort, dir })
  for (const key of ['q', 'status', 'kind', 'country', 'expiringWithin', 'mobilityType', 'subjectArea'] as const) {
    if (search[key] !== undefined) params.set(key, String(search[key]))
  }
  const list = useQuery({
    queryKey: ['agreements', 'list', params.toString()],
    queryFn: () => api<Page<AgreementItem>>(`/api/agreements?${params}`),
    placeholderData: keepPreviousData,
  })
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE))
  const onSort = (column: string) =>
    set({ sort: column as AgreementsSearch['sort'], dir: sort === column && dir === 'desc' ? 'asc' : 'desc' })
  const header = (
    <Table.Tr>
      <SortHeader label={t('agreements.reference')} column="reference" sort={sort} dir={dir} onSort={onSort} />
      <SortHeader label={t('agreements.titleField')} column="title" sort={sort} dir={dir} onSort={onSort} />
      <Table.Th>{t('agreements.partners')}</Table.Th>
      <SortHeader label={t('agreements.status')} column="status" sort={sort} dir={dir} onSort={onSort} />
      <SortHeader label={t('agreements.start')} column="start" sort={sort} dir={dir} onSort={onSort} />
      <SortHeader label={t('agreements.end')} column="end" sort={sort} dir={dir} onSort={onSort} />
      <Table.Th>{t('agreements.places')}</Table.Th>
    </Table.Tr>
  )

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('agreements.title')}</Title>
        {canWrite ? (
          <ButtonLink to="/agreements/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('agreements.add')}
          </ButtonLink>
        ) : null}
      </Group>
      <Group align="end" wrap="wrap">
        <ListSearch initial={search.q ?? ''} hint={t('agreements.searchHint')} onSearch={(q) => set({ q })} />
        <MultiSelect
          label={t('agreements.status')}
          placeholder={search.status ? undefined : t('list.any')}
          data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={search.status ? search.status.split(',') : []}
          onChange={(v) => set({ status: v.join(',') || undefined })}
          clearable
          w={220}
        />
        <Select
          label={t('agreements.kind')}
          placeholder={t('list.any')}
          data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreementKinds.${k}`) }))}
          value={search.kind ?? null}
          onChange={(v) => set({ kind: v ?? undefined })}
          clearable
          w={220}
        />
        <CountryMultiSelect
          label={t('agreements.partnerCountry')}
          value={search.country ? search.country.split(',') : []}
          onChange={(v) => set({ country: v.join(',') || undefined })}
          w={220}
        />
        <NumberInput
          label={t('agreements.expiringWithin')}
          placeholder={t('agreements.days')}
          min={0}
          max={3650}
          value={search.expiringWithin ?? ''}
          onChange={(v) => set({ expiringWithin: typeof v === 'number' ? v : undefined })}
          w={160}
        />
        <Select
          label={t('agreements.mobilityType')}
          placeholder={t('list.any')}
          data={MOBILITY_TYPES.map((m) => ({ value: m, label: t(`mobilityTypes.${m}`) }))}
          value={search.mobilityType ?? null}
          onChange={(v) => set({ mobilityType: v ?? undefined })}
          clearable
          w={220}
        />
        <Select
          label={t('agreements.subjectArea')}
          placeholder={t('list.any')}
          searchable
          data={Object.entries(ISCED_FIELDS).map(([code, name]) => ({ value: code, label: `${code} ${name}` }))}
          value={search.subjectArea ?? null}
          onChange={(v) => set({ subjectArea: v ?? undefined })}
          clearable
          w={240}
        />
      </Group>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" aria-live="polite">
          {t('list.count', { count: list.data?.totalCapped ? `${list.data.total}+` : (list.data?.total ?? 0) })}
        </Text>
        <ExportButtons path="/api/agreements/export" params={params} />
      </Group>
      <ProblemAlert error={list.error} />
      {list.data ? <AgreementsTable items={list.data.items} header={header} /> : null}
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
