import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../shared/roles'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'
import { ScopeFields } from './ScopeFields'

export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useForm({
    initialValues: {
      email: '',
      name: '',
      role: 'student' as Role,
      orgUnitId: null as string | null,
      institutionId: null as string | null,
    },
  })
  const {
    onSubmit: submit,
    busy,
    error,
  } = useSubmit(form, async (v) => {
    await api('/api/invitations', {
      method: 'POST',
      body: {
        email: v.email,
        role: v.role,
        ...(v.name ? { name: v.name } : {}),
        ...(v.role === 'coordinator' && v.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
        ...(v.role === 'partner' && v.institutionId ? { institutionId: v.institutionId } : {}),
      },
    })
    notifications.show({ color: 'green', message: t('users.invited', { email: v.email }) })
    await queryClient.invalidateQueries({ queryKey: ['invitations'] })
    form.reset()
    onClose()
  })
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.inviteTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={error} />
          <TextInput label={t('users.email')} type="email" required data-autofocus {...form.getInputProps('email')} />
          <TextInput label={t('users.name')} {...form.getInputProps('name')} />
          <Select
            label={t('users.role')}
            required
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <ScopeFields
            role={form.values.role}
            orgUnitProps={form.getInputProps('orgUnitId')}
            institutionProps={form.getInputProps('institutionId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('users.inviteSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
