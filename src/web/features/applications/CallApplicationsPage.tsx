import { Button, Group, Loader, MultiSelect, Paper, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import type { Page } from '../../lib/types'
import { useAction } from '../../lib/useAction'
import type { Call } from '../calls/types'
import { inLanguage } from '../catalog/types'
import { AllocationPanel } from './AllocationPanel'
import { type ApplicationRow, type Person, STATUS_TONES } from './types'

export type CallTab = 'applications' | 'reviewers' | 'allocation'

/** Everything the office does with a call's applications: the list, the reviewers, the allocation. */
export function CallApplicationsPage({ callId, tab }: { callId: string; tab: CallTab }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const call = useQuery({ queryKey: ['call', callId], queryFn: () => api<Call>(`/api/calls/${callId}`) })
  if (call.error) return <ProblemAlert error={call.error} />
  if (!call.data) return <Loader aria-label={t('common.loading')} />
  return (
    <Stack>
      <div>
        <AnchorLink to="/office/calls/$id" params={{ id: callId }} size="sm">
          {t('applications.backToCall')}
        </AnchorLink>
        <Title order={1}>{inLanguage(call.data.title, i18n.language)}</Title>
      </div>
      <Tabs
        value={tab}
        onChange={(v) =>
          void navigate({ to: '/office/calls/$id/applications', params: { id: callId }, search: { tab: v as CallTab } })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="applications">{t('applications.tab')}</Tabs.Tab>
          <Tabs.Tab value="reviewers">{t('reviews.reviewers')}</Tabs.Tab>
          <Tabs.Tab value="allocation">{t('allocation.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="applications" pt="md">
          {tab === 'applications' ? <ApplicationsTable callId={callId} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="reviewers" pt="md">
          {tab === 'reviewers' ? <Reviewers callId={callId} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="allocation" pt="md">
          {tab === 'allocation' ? <AllocationPanel callId={callId} /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function ApplicationsTable({ callId }: { callId: string }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const list = useQuery({
    queryKey: ['call-applications', callId, q],
    queryFn: () =>
      api<Page<ApplicationRow>>(`/api/calls/${callId}/applications?pageSize=200${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  })
  return (
    <Stack>
      <TextInput label={t('applications.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} />
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 ? <Text>{t('applications.noneInCall')}</Text> : null}
      {list.data?.items.length ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('allocation.applicant')}</Table.Th>
                <Table.Th>{t('office.status')}</Table.Th>
                <Table.Th>{t('applications.programme')}</Table.Th>
                <Table.Th ta="right">{t('applications.yearOfStudy')}</Table.Th>
                <Table.Th ta="right">{t('applications.gradeAverage')}</Table.Th>
                <Table.Th ta="right">{t('applications.choicesCount')}</Table.Th>
                <Table.Th ta="right">{t('reviews.reviewsCount')}</Table.Th>
                <Table.Th ta="right">{t('allocation.score')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <AnchorLink to="/office/applications/$id" params={{ id: a.id }}>
                      {a.applicant.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {a.applicant.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ToneBadge tone={STATUS_TONES[a.status]} variant="light">
                      {t(`applications.statuses.${a.status}`)}
                    </ToneBadge>
                  </Table.Td>
                  <Table.Td>{a.programme ?? '—'}</Table.Td>
                  <Table.Td ta="right">{a.yearOfStudy ?? '—'}</Table.Td>
                  <Table.Td ta="right">{a.gradeAverage ?? '—'}</Table.Td>
                  <Table.Td ta="right">{a.choices}</Table.Td>
                  <Table.Td ta="right">{a.reviews}</Table.Td>
                  <Table.Td ta="right">{a.score ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  )
}

function Reviewers({ callId }: { callId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const current = useQuery({
    queryKey: ['reviewers', callId],
    queryFn: () => api<{ items: Person[] }>(`/api/calls/${callId}/reviewers`),
  })
  const candidates = useQuery({
    queryKey: ['reviewer-candidates', callId],
    queryFn: () => api<{ items: Person[] }>(`/api/calls/${callId}/reviewer-candidates`),
  })
  const [chosen, setChosen] = useState<string[]>([])
  const { run, busy, error } = useAction()
  useEffect(() => {
    if (current.data) setChosen(current.data.items.map((p) => p.id))
  }, [current.data])
  const save = () =>
    run('save', async () => {
      const saved = await api<{ items: Person[] }>(`/api/calls/${callId}/reviewers`, { method: 'PUT', body: { userIds: chosen } })
      queryClient.setQueryData(['reviewers', callId], saved)
      notifications.show({ color: 'green', message: t('office.saved') })
    })
  return (
    <Paper withBorder p="md" maw={700}>
      <Stack>
        <Text size="sm">{t('reviews.reviewersHint')}</Text>
        <MultiSelect
          label={t('reviews.reviewers')}
          placeholder={t('applications.search')}
          searchable
          value={chosen}
          onChange={setChosen}
          data={(candidates.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${t(`roles.${p.role}`)})` }))}
        />
        <ProblemAlert error={error ?? current.error ?? candidates.error} />
        <Group justify="flex-end">
          <Button loading={busy === 'save'} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
