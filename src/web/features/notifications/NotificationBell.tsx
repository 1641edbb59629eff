import { ActionIcon, Indicator } from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { api } from '../../lib/api'

/** The header's bell: how many notifications are unread, checked every minute. */
export function NotificationBell() {
  const { t } = useTranslation()
  const unread = useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => api<{ unread: number }>('/api/me/notifications?pageSize=1'),
    refetchInterval: 60_000,
  })
  const n = unread.data?.unread ?? 0
  return (
    <Indicator label={n > 99 ? '99+' : n} size={16} disabled={n === 0} color="red" offset={4}>
      <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" aria-label={t('notifications.bell', { n })}>
        <IconBell size={20} aria-hidden />
      </ActionIcon>
    </Indicator>
  )
}
