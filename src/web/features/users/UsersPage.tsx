import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPencil, IconSearch, IconUserPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES } from '../../../shared/roles'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import type { Page, User } from '../../lib/types'
import { EditUserModal } from './EditUserModal'
import { InviteModal } from './InviteModal'
import { PendingInvitations } from './PendingInvitations'

const PAGE_SIZE = 25

export function UsersPage() {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [debouncedQ] = useDebouncedValue(q, 250)
  const [role, setRole] = useState<string | null>(null)
  const [active, setActive] = useState<string | null>('true')
  const [page, setPage] = useState(1)
  const [inviting, setInviting] = useState(false)
  const [editing, setEditing] = useState<User | null>(null)

  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) })
  if (debouncedQ) params.set('q', debouncedQ)
  if (role) params.set('role', role)
  if (active) params.set('active', active)
  const users = useQuery({
    queryKey: ['users', params.toString()],
    queryFn: () => api<Page<User>>(`/api/users?${params}`),
    placeholderData: keepPreviousData,
  })
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE))

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
          {t('users.invite')}
        </Button>
      </Group>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('users.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value)
            setPage(1)
          }}
          w={280}
        />
        <Select
          label={t('users.role')}
          placeholder={t('users.allRoles')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(v) => {
            setRole(v)
            setPage(1)
          }}
          clearable
          w={220}
        />
        <Select
          label={t('users.status')}
          data={[
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
          placeholder={t('users.all')}
          value={active}
          onChange={(v) => {
            setActive(v)
            setPage(1)
          }}
          clearable
          w={160}
        />
      </Group>
      <ProblemAlert error={users.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label={t('users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.scope')}</Table.Th>
              <Table.Th>{t('users.lastSignIn')}</Table.Th>
              <Table.Th>
                <span className="sr-only">{t('users.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.items.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  {u.name}{' '}
                  {!u.active ? (
                    <Badge color="gray" size="xs">
                      {t('users.inactive')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                <Table.Td>{u.orgUnitName ?? u.institutionName ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(u.lastSignInAt)}</Table.Td>
                <Table.Td>
                  <Tooltip label={t('users.edit')}>
                    <ActionIcon variant="subtle" aria-label={`${t('users.edit')}: ${u.name}`} onClick={() => setEditing(u)}>
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {users.data && users.data.items.length === 0 ? <Text c="dimmed">{t('users.none')}</Text> : null}
      {pages > 1 ? (
        <Pagination total={pages} value={page} onChange={setPage} aria-label={t('common.page', { page, pages })} />
      ) : null}
      <PendingInvitations />
      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
      {editing ? <EditUserModal user={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  )
}
