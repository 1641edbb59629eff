import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { inLanguage } from '../catalog/types'
import { ChoiceChart } from './ChoiceChart'
import { Explanations } from './Explain'
import { type AllocationView, STATUS_TONES } from './types'

type Row = AllocationView['rows'][number]

/** The call's allocation: the dry run and its figures, adjustments with reasons, publication. */
export function AllocationPanel({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const view = useQuery({
    queryKey: ['allocation', callId],
    queryFn: () => api<AllocationView>(`/api/calls/${callId}/allocation`),
  })
  const [adjusting, setAdjusting] = useState<Row | null>(null)
  const [publishing, setPublishing] = useState(false)
  const { run, error } = useAction()
  const v = view.data
  if (view.error) return <ProblemAlert error={view.error} />
  if (!v) return null
  const title = (id: string | null) => {
    if (!id) return t('allocation.noPlace')
    const o = v.opportunities.find((x) => x.opportunityId === id)
    return o ? `${inLanguage(o.title, i18n.language)} (${o.host.name})` : id
  }
  const name = (id: string) => v.rows.find((r) => r.applicationId === id)?.name ?? id
  const set = (next: AllocationView) => queryClient.setQueryData(['allocation', callId], next)
  const undo = (row: Row) =>
    run('undo', async () =>
      set(await api<AllocationView>(`/api/calls/${callId}/allocation/adjustments/${row.applicationId}`, { method: 'DELETE' })),
    )
  const s = v.stats

  return (
    <Stack>
      {v.published ? (
        <Alert color="green" title={t('allocation.published')}>
          {t('allocation.publishedText', {
            at: formatDateTime(v.published.at),
            deadline: formatDateTime(v.published.offerDeadline),
          })}
        </Alert>
      ) : (
        <Alert color="blue" title={t('allocation.dryRun')}>
          {t('allocation.dryRunText')}
          {v.unscored > 0 ? <Text c="orange.9">{t('allocation.unscored', { n: v.unscored })}</Text> : null}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('allocation.byChoice')}
          </Title>
          <ChoiceChart byChoice={s.byChoice} unplaced={s.unplaced} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('allocation.figures')}
          </Title>
          <Table>
            <Table.Tbody>
              {(
                [
                  ['allocation.applicants', s.applicants],
                  ['allocation.placed', s.placed],
                  ['allocation.places', s.places],
                  ['calls.placesLeft', s.placesLeft],
                ] as const
              ).map(([label, n]) => (
                <Table.Tr key={label}>
                  <Table.Td>{t(label)}</Table.Td>
                  <Table.Td ta="right">{n}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('allocation.perOpportunity')}
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calls.opportunity')}</Table.Th>
              <Table.Th ta="right">{t('allocation.placesGiven')}</Table.Th>
              <Table.Th ta="right">{t('calls.placesLeft')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.perOpportunity.map((o) => (
              <Table.Tr key={o.opportunityId}>
                <Table.Td>{title(o.opportunityId)}</Table.Td>
                <Table.Td ta="right">
                  {o.admitted} / {o.capacity}
                </Table.Td>
                <Table.Td ta="right">{o.capacity - o.admitted}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {v.problems.length ? (
        <Alert color="red" title={t('allocation.problems')}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {v.problems.map((p) => (
              <li key={`${p.applicant}:${p.opportunity}:${p.problem}`}>
                {t(`allocation.problem.${p.problem}`, {
                  name: p.applicant ? name(p.applicant) : '',
                  place: title(p.opportunity),
                })}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {v.blockingPairs.length ? (
        <Alert color="orange" title={t('allocation.blockingPairs', { n: v.blockingPairs.length })} data-testid="blocking-pairs">
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {v.blockingPairs.map((b) => (
              <li key={`${b.applicant}:${b.opportunity}`}>
                {b.instead
                  ? t('allocation.blockingInstead', {
                      name: name(b.applicant),
                      place: title(b.opportunity),
                      instead: name(b.instead),
                    })
                  : t('allocation.blockingFree', { name: name(b.applicant), place: title(b.opportunity) })}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ProblemAlert error={error} />

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('allocation.results')}
        </Title>
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('allocation.applicant')}</Table.Th>
                <Table.Th ta="right">{t('allocation.score')}</Table.Th>
                <Table.Th>{t('allocation.place')}</Table.Th>
                <Table.Th>{t('allocation.why')}</Table.Th>
                {v.published ? <Table.Th>{t('office.status')}</Table.Th> : <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.rows.map((r) => (
                <Table.Tr key={r.applicationId} data-testid="allocation-row">
                  <Table.Td>
                    <AnchorLink to="/office/applications/$id" params={{ id: r.applicationId }}>
                      {r.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td ta="right">{r.score ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{title(r.assigned)}</Text>
                    {r.choice ? (
                      <Text size="xs" c="dimmed">
                        {t('allocation.choiceN', { n: r.choice })}
                      </Text>
                    ) : null}
                    {r.adjustment ? (
                      <Text size="xs" c="orange.9">
                        {t('allocation.adjusted', { reason: r.adjustment.reason })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Explanations items={r.explanations} opportunities={v.opportunities} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {v.published ? (
                      <ToneBadge tone={STATUS_TONES[r.status]} variant="light">
                        {t(`applications.statuses.${r.status}`)}
                      </ToneBadge>
                    ) : r.adjustment ? (
                      <Button size="xs" variant="subtle" onClick={() => void undo(r)}>
                        {t('allocation.undo')}
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setAdjusting(r)}
                        aria-label={t('allocation.adjustFor', { name: r.name })}
                      >
                        {t('allocation.adjust')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {!v.published ? (
        <Group justify="flex-end">
          <Button onClick={() => setPublishing(true)} disabled={v.phase !== 'closed' || v.unscored > 0 || v.problems.length > 0}>
            {t('allocation.publish')}
          </Button>
          {v.phase !== 'closed' ? (
            <Text size="sm" c="dimmed">
              {t('allocation.afterClose')}
            </Text>
          ) : null}
        </Group>
      ) : null}
      <AdjustModal callId={callId} row={adjusting} view={v} onClose={() => setAdjusting(null)} onDone={set} />
      <PublishModal callId={callId} opened={publishing} onClose={() => setPublishing(false)} onDone={set} />
    </Stack>
  )
}

function AdjustModal({
  callId,
  row,
  view,
  onClose,
  onDone,
}: {
  callId: string
  row: Row | null
  view: AllocationView
  onClose: () => void
  onDone: (v: AllocationView) => void
}) {
  const { t, i18n } = useTranslation()
  const [place, setPlace] = useState<string>('none')
  const [reason, setReason] = useState('')
  const { run, busy, error } = useAction()
  const app = useQuery({
    queryKey: ['application', row?.applicationId],
    queryFn: () =>
      api<{ choices: { opportunityId: string; title: Record<string, string>; rank: number }[] }>(
        `/api/applications/${row!.applicationId}`,
      ),
    enabled: Boolean(row),
  })
  const save = () =>
    run('adjust', async () => {
      onDone(
        await api<AllocationView>(`/api/calls/${callId}/allocation/adjustments`, {
          method: 'POST',
          body: { applicationId: row!.applicationId, opportunityId: place === 'none' ? null : place, reason },
        }),
      )
      setReason('')
      onClose()
    })
  return (
    <Modal opened={row !== null} onClose={onClose} title={row ? t('allocation.adjustFor', { name: row.name }) : ''}>
      <Stack>
        <Select
          label={t('allocation.givePlace')}
          allowDeselect={false}
          value={place}
          onChange={(v) => setPlace(v ?? 'none')}
          data={[
            { value: 'none', label: t('allocation.noPlace') },
            ...(app.data?.choices ?? [])
              .filter((c) => view.opportunities.some((o) => o.opportunityId === c.opportunityId))
              .map((c) => ({ value: c.opportunityId, label: `${c.rank}. ${inLanguage(c.title, i18n.language)}` })),
          ]}
        />
        <Textarea label={t('allocation.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy === 'adjust'} onClick={() => void save()}>
            {t('allocation.recordAdjustment')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function PublishModal({
  callId,
  opened,
  onClose,
  onDone,
}: {
  callId: string
  opened: boolean
  onClose: () => void
  onDone: (v: AllocationView) => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const inAWeek = new Date(Date.now() + 7 * 86_400_000)
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
  const [deadline, setDeadline] = useState(local(inAWeek))
  const { run, busy, error } = useAction()
  const publish = () =>
    run('publish', async () => {
      onDone(
        await api<AllocationView>(`/api/calls/${callId}/allocation/publish`, {
          method: 'POST',
          body: { offerDeadline: new Date(deadline).toISOString() },
        }),
      )
      await queryClient.invalidateQueries({ queryKey: ['call-applications', callId] })
      notifications.show({ color: 'green', message: t('allocation.publishedNow') })
      onClose()
    })
  return (
    <Modal opened={opened} onClose={onClose} title={t('allocation.publish')}>
      <Stack>
        <Text size="sm">{t('allocation.publishText')}</Text>
        <TextInput
          type="datetime-local"
          label={t('allocation.offerDeadline')}
          description={t('allocation.yourClock')}
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
        />
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy === 'publish'} onClick={() => void publish()}>
            {t('allocation.publishNow')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
