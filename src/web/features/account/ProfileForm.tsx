import { Button, Stack, Switch, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useUser } from '../../lib/session'
import { useSubmit } from '../../lib/useSubmit'

export function ProfileForm() {
  const { t } = useTranslation()
  const user = useUser()
  const queryClient = useQueryClient()
  const office = ['admin', 'officer', 'coordinator'].includes(user.role)
  const form = useForm({ initialValues: { name: user.name, dailyDigest: user.dailyDigest } })
  const {
    onSubmit: submit,
    busy,
    error,
  } = useSubmit(form, async (v) => {
    await api('/api/me', { method: 'PATCH', body: office ? v : { name: v.name } })
    await queryClient.invalidateQueries({ queryKey: ['session'] })
    notifications.show({ color: 'green', message: t('account.saved') })
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('account.profile')}
        </Title>
        <ProblemAlert error={error} />
        <TextInput label={t('account.name')} required {...form.getInputProps('name')} />
        <LanguageSwitcher />
        {office && (
          <Switch
            label={t('account.dailyDigest')}
            description={t('account.dailyDigestHint')}
            {...form.getInputProps('dailyDigest', { type: 'checkbox' })}
          />
        )}
        <Button type="submit" variant="light" w="fit-content" loading={busy}>
          {t('account.save')}
        </Button>
      </Stack>
    </form>
  )
}
