import { Alert, Button, Group, Loader, Modal, NumberInput, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReviewQueueItemDto } from '../../../shared/api/allocation'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'
import type { Call } from '../calls/types'
import { inLanguage } from '../catalog/types'
import { ApplicationView } from './ApplicationView'
import type { Application } from './types'

type QueueItem = ReviewQueueItemDto

/** The applications a reviewer scores, call by call. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation()
  const queue = useQuery({ queryKey: ['reviews'], queryFn: () => api<{ items: QueueItem[] }>('/api/reviews') })
  const calls = [...new Map((queue.data?.items ?? []).map((i) => [i.callId, i.callTitle])).entries()]
  return (
    <Stack maw={900}>
      <Title order={1}>{t('reviews.title')}</Title>
      <ProblemAlert error={queue.error} />
      {queue.data?.items.length === 0 ? <Text>{t('reviews.nothing')}</Text> : null}
      {calls.map(([callId, title]) => (
        <Paper key={callId} withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {inLanguage(title, i18n.language)}
          </Title>
          <Table>
            <Table.Tbody>
              {queue
                .data!.items.filter((i) => i.callId === callId)
                .map((i) => (
                  <Table.Tr key={i.applicationId}>
                    <Table.Td>
                      {i.conflict ? (
                        i.applicantName
                      ) : (
                        <AnchorLink to="/reviews/$id" params={{ id: i.applicationId }}>
                          {i.applicantName}
                        </AnchorLink>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <ToneBadge tone={i.conflict ? 'gray' : i.complete ? 'green' : 'teal'} variant="light">
                        {t(i.conflict ? 'reviews.conflict' : i.complete ? 'reviews.complete' : 'reviews.toDo')}
                      </ToneBadge>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  )
}

/** One application to review: read it, score each criterion, or declare a conflict of interest. */
export function ReviewPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const application = useQuery({ queryKey: ['application', id], queryFn: () => api<Application>(`/api/applications/${id}`) })
  const call = useQuery({
    queryKey: ['public-call', application.data?.call.id],
    queryFn: () => api<Call>(`/api/public/calls/${application.data!.call.id}`),
    enabled: Boolean(application.data),
  })
  const review = useQuery({
    queryKey: ['review', id],
    queryFn: () => api<{ scores: Record<string, number>; comment: string | null }>(`/api/reviews/${id}`),
  })
  const error = application.error ?? call.error ?? review.error
  if (error) return <ProblemAlert error={error} />
  if (!application.data || !call.data || !review.data) return <Loader aria-label={t('common.loading')} />
  return (
    <Stack maw={1000}>
      <ApplicationView application={application.data} />
      <ScoreForm id={id} call={call.data} review={review.data} />
    </Stack>
  )
}

function ScoreForm({
  id,
  call,
  review,
}: {
  id: string
  call: Call
  review: { scores: Record<string, number>; comment: string | null }
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [conflictOpen, setConflictOpen] = useState(false)
  const [note, setNote] = useState('')
  const [conflictError, setConflictError] = useState<unknown>(null)
  const form = useForm({
    initialValues: {
      scores: Object.fromEntries(call.criteria.map((c) => [c.key, review.scores[c.key] ?? ''])) as Record<
        string,
        number | string
      >,
      comment: review.comment ?? '',
    },
  })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    const scores = Object.fromEntries(
      Object.entries(v.scores)
        .filter(([, s]) => s !== '')
        .map(([k, s]) => [k, Number(s)]),
    )
    await api(`/api/reviews/${id}`, { method: 'PUT', body: { scores, comment: v.comment.trim() || null } })
    await queryClient.invalidateQueries({ queryKey: ['reviews'] })
    notifications.show({ color: 'green', message: t('reviews.saved') })
  })
  const total = call.criteria.reduce((n, c) => n + (c.weight * (Number(form.values.scores[c.key]) || 0)) / 100, 0)
  const declare = async () => {
    try {
      await api(`/api/reviews/${id}/conflict`, { method: 'POST', body: { note: note.trim() || null } })
      await queryClient.invalidateQueries({ queryKey: ['reviews'] })
      await navigate({ to: '/reviews' })
    } catch (e) {
      setConflictError(e)
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit}>
      <Stack>
        <Title order={2} size="h4">
          {t('reviews.yourScores')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reviews.scale')}
        </Text>
        {call.criteria.map((c) => (
          <NumberInput
            key={c.key}
            label={`${c.label} (${c.weight}%)`}
            min={0}
            max={100}
            clampBehavior="none"
            {...form.getInputProps(`scores.${c.key}`)}
          />
        ))}
        <Text size="sm" fw={500}>
          {t('reviews.weighted', { score: Math.round(total * 100) / 100 })}
        </Text>
        <Textarea label={t('reviews.comment')} autosize minRows={2} {...form.getInputProps('comment')} />
        <ProblemAlert error={error} />
        <Group justify="space-between">
          <Button variant="subtle" color="red" onClick={() => setConflictOpen(true)}>
            {t('reviews.declareConflict')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('reviews.save')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={conflictOpen} onClose={() => setConflictOpen(false)} title={t('reviews.declareConflict')}>
        <Stack>
          <Alert color="orange">{t('reviews.conflictText')}</Alert>
          <Textarea label={t('reviews.conflictNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <ProblemAlert error={conflictError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflictOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => void declare()}>
              {t('reviews.declare')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
