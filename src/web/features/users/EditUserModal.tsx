import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../shared/roles'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import type { User } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'
import { ScopeFields } from './ScopeFields'

export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useForm({
    initialValues: {
      name: user.name,
      role: user.role as Role,
      orgUnitId: user.orgUnitId,
      institutionId: user.institutionId,
      active: user.active,
    },
  })
  const {
    onSubmit: submit,
    busy,
    error,
  } = useSubmit(form, async (v) => {
    await api(`/api/users/${user.id}`, {
      method: 'PATCH',
      body: {
        name: v.name,
        role: v.role,
        active: v.active,
        orgUnitId: v.role === 'coordinator' ? v.orgUnitId : null,
        institutionId: v.role === 'partner' ? v.institutionId : null,
      },
    })
    notifications.show({ color: 'green', message: t('users.saved') })
    await queryClient.invalidateQueries({ queryKey: ['users'] })
    onClose()
  })
  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { name: user.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} />
          <TextInput label={t('users.email')} value={user.email} readOnly disabled />
          <TextInput label={t('users.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('users.role')}
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <ScopeFields
            role={form.values.role}
            orgUnitProps={form.getInputProps('orgUnitId')}
            institutionProps={form.getInputProps('institutionId')}
          />
          <Switch label={t('users.accountActive')} {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('users.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
