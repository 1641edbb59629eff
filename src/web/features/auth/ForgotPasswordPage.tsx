import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { PublicLayout } from '../../components/PublicLayout'
import { ApiProblem, api } from '../../lib/api'

export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({ initialValues: { email: '' } })
  const submit = form.onSubmit(async (values) => {
    setBusy(true)
    setError(null)
    try {
      await api('/api/auth/password-reset', { method: 'POST', body: values })
      setSent(true)
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 400) form.setErrors(e.fieldErrors())
      else setError(e)
    } finally {
      setBusy(false)
    }
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
