import { Button, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../lib/api'
import { formatDate } from '../../lib/format'
import type { Invitation } from '../../lib/types'

export function PendingInvitations() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => api<Invitation[]>('/api/invitations') })
  const withdraw = async (id: string) => {
    await api(`/api/invitations/${id}`, { method: 'DELETE' })
    notifications.show({ message: t('users.withdrawn') })
    await queryClient.invalidateQueries({ queryKey: ['invitations'] })
  }
  return (
    <Stack gap="xs" mt="lg">
      <Title order={2} size="h3">
        {t('users.pending')}
      </Title>
      {invitations.data?.length === 0 ? (
        <Text c="dimmed">{t('users.noPending')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('users.pending')} data-testid="pending-invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.invitedBy')}</Table.Th>
                <Table.Th>{t('users.expires')}</Table.Th>
                <Table.Th>
                  <span className="sr-only">{t('users.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data?.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.email}</Table.Td>
                  <Table.Td>{t(`roles.${i.role}`)}</Table.Td>
                  <Table.Td>{i.invitedBy ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(i.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => withdraw(i.id)}>
                      {t('users.withdraw')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
