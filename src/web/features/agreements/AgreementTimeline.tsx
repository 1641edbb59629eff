import { Button, Card, Stack, Text, Textarea, Timeline, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useSubmit } from '../../lib/useSubmit'
import type { TimelineEntry } from '../partners/types'

/** Changes and comments on an agreement, newest first, with a box to comment. */
export function AgreementTimeline({ id }: { id: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const entries = useQuery({ queryKey: ['timeline', id], queryFn: () => api<TimelineEntry[]>(`/api/agreements/${id}/timeline`) })
  const form = useForm({ initialValues: { body: '' } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    await api(`/api/agreements/${id}/comments`, { method: 'POST', body: v })
    form.reset()
    await queryClient.invalidateQueries({ queryKey: ['timeline', id] })
  })
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('agreements.timeline')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="xs" mb="md">
          <ProblemAlert error={error} />
          <Textarea label={t('agreements.comment')} autosize minRows={2} {...form.getInputProps('body')} />
          <Button type="submit" loading={busy} w="fit-content" size="xs">
            {t('agreements.addComment')}
          </Button>
        </Stack>
      </form>
      <Timeline bulletSize={14} lineWidth={2}>
        {(entries.data ?? []).map((e) => (
          <Timeline.Item
            key={`${e.at}|${e.kind}|${e.action}|${e.body?.slice(0, 40)}`}
            title={
              e.kind === 'comment'
                ? t('agreements.commented', { name: e.actor })
                : `${t(`timelineActions.${e.action}`, { defaultValue: e.action ?? '' })} — ${e.actor}`
            }
          >
            {e.body ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.body}
              </Text>
            ) : null}
            {e.changes.length ? (
              <Text size="xs" c="dimmed">
                {t('agreements.changed', { fields: e.changes.join(', ') })}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  )
}
