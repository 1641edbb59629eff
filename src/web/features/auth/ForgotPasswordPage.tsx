import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { PublicLayout } from '../../components/PublicLayout'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'

export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const [sent, setSent] = useState(false)
  const form = useForm({ initialValues: { email: '' } })
  const {
    onSubmit: submit,
    busy,
    error,
  } = useSubmit(form, async (values) => {
    await api('/api/auth/password-reset', { method: 'POST', body: values })
    setSent(true)
  })
  return (
    <PublicLayout title={t('forgot.title')}>
      {sent ? (
        <Stack>
          <Alert color="green" role="status">
            {t('forgot.sent')}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('forgot.intro')}</Text>
            <ProblemAlert error={error} />
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={busy}>
              {t('forgot.submit')}
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('forgot.back')}
            </Anchor>
          </Stack>
        </form>
      )}
    </PublicLayout>
  )
}
