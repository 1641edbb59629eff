import { Button, Stack, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { ApiProblem, api } from '../../lib/api'
import { useUser } from '../../lib/session'

export function ProfileForm() {
  const { t } = useTranslation()
  const user = useUser()
  const queryClient = useQueryClient()
  const form = useForm({ initialValues: { name: user.name } })
  const submit = form.onSubmit(async (v) => {
    try {
      await api('/api/me', { method: 'PATCH', body: v })
      await queryClient.invalidateQueries({ queryKey: ['session'] })
      notifications.show({ color: 'green', message: t('account.saved') })
    } catch (e) {
      if (e instanceof ApiProblem) form.setErrors(e.fieldErrors())
    }
  })
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('account.profile')}
        </Title>
        <TextInput label={t('account.name')} required {...form.getInputProps('name')} />
        <LanguageSwitcher />
        <Button type="submit" variant="light" w="fit-content">
          {t('account.save')}
        </Button>
      </Stack>
    </form>
  )
}
