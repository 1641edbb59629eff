import {
  Anchor,
  Button,
  Code,
  Drawer,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import type { AuditEvent, Page } from '../../lib/types'

export interface AuditSearch {
  entityType?: string
  action?: string
  actor?: string
  from?: string
  to?: string
  page?: number
}

const PAGE_SIZE = 50

/** The filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditPage() {
  const { t } = useTranslation()
  const search = useSearch({ from: '/app/admin/audit' })
  const navigate = useNavigate({ from: '/admin/audit' })
  const [draft, setDraft] = useState({ actor: search.actor ?? '', from: search.from ?? '', to: search.to ?? '' })
  const [selected, setSelected] = useState<AuditEvent | null>(null)
  const page = search.page ?? 1

  const filter = new URLSearchParams()
  for (const key of ['entityType', 'action', 'actor', 'from', 'to'] as const) {
    const value = search[key]
    if (value) filter.set(key, value)
  }
  const listParams = new URLSearchParams(filter)
  listParams.set('page', String(page))
  listParams.set('pageSize', String(PAGE_SIZE))

  const facets = useQuery({
    queryKey: ['audit-facets'],
    queryFn: () => api<{ entityTypes: string[]; actions: string[] }>('/api/audit/facets'),
  })
  const events = useQuery({
    queryKey: ['audit', listParams.toString()],
    queryFn: () => api<Page<AuditEvent>>(`/api/audit?${listParams}`),
    placeholderData: keepPreviousData,
  })
  const pages = Math.max(1, Math.ceil((events.data?.total ?? 0) / PAGE_SIZE))
  const set = (patch: Partial<AuditSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) })

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>{t('audit.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('audit.intro')}
          </Text>
        </div>
        <Button
          component="a"
          href={`/api/audit/export?${filter}`}
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          download
        >
          {t('audit.export')}
        </Button>
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          set({ actor: draft.actor || undefined, from: draft.from || undefined, to: draft.to || undefined })
        }}
      >
        <Group align="end" wrap="wrap">
          <Select
            label={t('audit.entityType')}
            data={facets.data?.entityTypes ?? []}
            value={search.entityType ?? null}
            onChange={(v) => set({ entityType: v ?? undefined })}
            clearable
            w={180}
          />
          <Select
            label={t('audit.action')}
            data={facets.data?.actions ?? []}
            value={search.action ?? null}
            onChange={(v) => set({ action: v ?? undefined })}
            clearable
            searchable
            w={220}
          />
          <TextInput
            label={t('audit.actor')}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value })}
            w={220}
          />
          <TextInput
            label={t('audit.from')}
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            label={t('audit.to')}
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="subtle"
            onClick={() => {
              setDraft({ actor: '', from: '', to: '' })
              void navigate({ search: {} })
            }}
          >
            {t('audit.reset')}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={events.error} />
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('audit.total', { count: events.data?.total ?? 0 })}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-label={t('audit.title')} data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.time')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.entity')}</Table.Th>
              <Table.Th>{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data?.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                </Table.Td>
                <Table.Td>{e.actor}</Table.Td>
                <Table.Td>
                  <Code>{e.action}</Code>
                </Table.Td>
                <Table.Td>
                  {e.entityType}{' '}
                  <Text span size="xs" c="dimmed">
                    {e.entityId.slice(0, 8)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setSelected(e)}>
                    {t('audit.details')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {events.data && events.data.items.length === 0 ? <Text c="dimmed">{t('audit.none')}</Text> : null}
      {pages > 1 ? (
        <Pagination total={pages} value={page} onChange={(p) => navigate({ search: (prev) => ({ ...prev, page: p }) })} />
      ) : null}
      <Drawer
        opened={!!selected}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={selected ? `${selected.entityType} · ${selected.action}` : ''}
      >
        {selected ? (
          <Stack>
            <Text size="sm">
              {formatDateTime(selected.occurredAt)} · {selected.actor}
            </Text>
            <Text size="xs" c="dimmed">
              {selected.entityType} {selected.entityId} · {t('audit.request')} {selected.requestId}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <div>
                <Title order={3} size="h5">
                  {t('audit.before')}
                </Title>
                <Code block className="json-view">
                  {selected.before ? JSON.stringify(selected.before, null, 2) : '—'}
                </Code>
              </div>
              <div>
                <Title order={3} size="h5">
                  {t('audit.after')}
                </Title>
                <Code block className="json-view">
                  {selected.after ? JSON.stringify(selected.after, null, 2) : '—'}
                </Code>
              </div>
            </SimpleGrid>
          </Stack>
        ) : null}
      </Drawer>
    </Stack>
  )
}
