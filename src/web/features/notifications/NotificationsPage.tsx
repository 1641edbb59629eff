import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { NotificationDto } from '../../../shared/api/comms'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'

type Notification = NotificationDto

/** What the person was told, newest first; unread ones stand out until marked read. */
export function NotificationsPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const list = useQuery({
    queryKey: ['notifications', 'list'],
    queryFn: () => api<{ items: Notification[]; unread: number }>('/api/me/notifications?pageSize=100'),
  })
  const readAll = async () => {
    await api('/api/me/notifications/read', { method: 'POST', body: {} })
    await queryClient.invalidateQueries({ queryKey: ['notifications'] })
  }
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={1}>{t('notifications.title')}</Title>
        {list.data?.unread ? (
          <Button variant="light" onClick={() => void readAll()}>
            {t('notifications.readAll')}
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={list.error} />
      {list.isLoading ? <Loader aria-label={t('common.loading')} /> : null}
      {list.data?.items.length === 0 ? <Text>{t('notifications.none')}</Text> : null}
      {list.data?.items.map((n) => (
        <Paper key={n.id} withBorder p="md" bg={n.read ? undefined : 'blue.0'} component="article" aria-label={n.subject}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text fw={n.read ? 500 : 700}>{n.subject}</Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(n.createdAt)}
            </Text>
          </Group>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} lineClamp={8}>
            {n.body}
          </Text>
          {n.link ? (
            <Button component="a" href={n.link} variant="subtle" size="xs" mt="xs" px={0}>
              {t('notifications.open')}
            </Button>
          ) : null}
        </Paper>
      ))}
    </Stack>
  )
}
