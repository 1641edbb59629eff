import { Alert, Badge, Group, Loader, Pagination, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { SurveyQueueItem } from '../../../shared/api/surveys'
import { SURVEY_STATUSES, type SurveyStatus } from '../../../shared/surveys'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { inLanguage } from '../catalog/types'
import { ModerationBar, SURVEY_STATUS_COLOUR, SurveyAnswersView } from './SurveyCard'

type QueueItem = z.infer<typeof SurveyQueueItem>

const PAGE_SIZE = 20

/** The completion surveys of the office's calls: those waiting to be read first, each published or rejected in place. */
export function OfficeSurveysPage() {
  const { t } = useTranslation()
  const [status, setStatus] = useState<SurveyStatus | 'all'>('pending')
  const [page, setPage] = useState(1)
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) })
  if (status !== 'all') params.set('status', status)
  const found = useQuery({
    queryKey: ['surveys', params.toString()],
    queryFn: () => api<{ items: QueueItem[]; total: number }>(`/api/surveys?${params}`),
  })
  const pages = Math.max(1, Math.ceil((found.data?.total ?? 0) / PAGE_SIZE))
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('surveys.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('surveys.intro')}
      </Text>
      <SegmentedControl
        aria-label={t('surveys.show')}
        value={status}
        onChange={(v) => {
          setStatus(v as typeof status)
          setPage(1)
        }}
        data={[
          ...SURVEY_STATUSES.map((s) => ({ value: s, label: t(`survey.statuses.${s}`) })),
          { value: 'all', label: t('surveys.all') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ProblemAlert error={found.error} />
      {!found.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : found.data.items.length === 0 ? (
        <Alert>{t(status === 'pending' ? 'surveys.nonePending' : 'surveys.none')}</Alert>
      ) : (
        found.data.items.map((s) => <QueueEntry key={s.applicationId} survey={s} />)
      )}
      {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} />}
    </Stack>
  )
}

function QueueEntry({ survey: s }: { survey: QueueItem }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { run, busy, error } = useAction()
  const [reason, setReason] = useState('')
  const path = `/api/applications/${s.applicationId}/survey`
  const decide = (step: 'publish' | 'reject', body: unknown, done: string) =>
    run(step, async () => {
      await api(`${path}/${step}`, { method: 'POST', body })
      await queryClient.invalidateQueries({ queryKey: ['surveys'] })
      notifications.show({ message: done, color: 'green' })
    })
  return (
    <Paper withBorder p="md" component="article" aria-label={s.student}>
      <Group justify="space-between" mb={4}>
        <div>
          <AnchorLink to="/mobilities/$applicationId" params={{ applicationId: s.applicationId }} fw={600}>
            {s.student}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {inLanguage(s.opportunityTitle, i18n.language)} · {s.host} · {formatDateTime(s.submittedAt)}
          </Text>
        </div>
        <Badge color={SURVEY_STATUS_COLOUR[s.status]}>{t(`survey.statuses.${s.status}`)}</Badge>
      </Group>
      <SurveyAnswersView survey={s} />
      {s.rejection && (
        <Text size="sm" c="red" mt={4}>
          {t('survey.rejectedBecause', { reason: s.rejection })}
        </Text>
      )}
      <ProblemAlert error={error} />
      {s.status !== 'rejected' && (
        <ModerationBar
          canPublish={s.status === 'pending'}
          published={s.status === 'published'}
          reason={reason}
          onReason={setReason}
          busy={busy}
          onPublish={() => decide('publish', undefined, t('survey.publishedToast'))}
          onReject={() => decide('reject', { reason }, t('survey.rejectedToast'))}
        />
      )}
    </Paper>
  )
}
