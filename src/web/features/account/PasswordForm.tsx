import { Button, PasswordInput, Stack, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MIN_LENGTH } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'

export function PasswordForm() {
  const { t } = useTranslation()
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: { newPassword: (v) => (v.length < PASSWORD_MIN_LENGTH ? t('password.hint', { min: PASSWORD_MIN_LENGTH }) : null) },
  })
  const {
    onSubmit: submit,
    busy,
    error,
  } = useSubmit(form, async (v) => {
    await api('/api/me/password', { method: 'POST', body: v })
    form.reset()
    notifications.show({ color: 'green', message: t('account.changed') })
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('account.password')}
        </Title>
        <ProblemAlert error={error} />
        <PasswordInput
          label={t('account.current')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('account.new')}
          description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <Button type="submit" variant="light" w="fit-content" loading={busy}>
          {t('account.change')}
        </Button>
      </Stack>
    </form>
  )
}
