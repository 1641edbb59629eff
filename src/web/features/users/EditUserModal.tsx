import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../../shared/roles'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ApiProblem, api } from '../../lib/api'
import type { User } from '../../lib/types'
import { ScopeFields } from './ScopeFields'

export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({
    initialValues: {
      name: user.name,
      role: user.role as Role,
      orgUnitId: user.orgUnitId,
      institutionId: user.institutionId,
      active: user.active,
    },
  })
  const submit = form.onSubmit(async (v) => {
    setBusy(true)
    setError(null)
    try {
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
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 400) form.setErrors(e.fieldErrors())
      else setError(e)
    } finally {
      setBusy(false)
    }
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
