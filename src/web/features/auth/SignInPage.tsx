import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PublicLayout, useHomeInstitution } from '../../components/PublicLayout'
import { takeChosenBeforeSignIn } from '../../i18n'
import { ApiProblem, api, setCsrfToken } from '../../lib/api'
import type { Session, User } from '../../lib/types'

export function SignInPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { next } = useSearch({ from: '/sign-in' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({ initialValues: { email: '', password: '' } })
  const home = useHomeInstitution()

  const submit = form.onSubmit(async (values) => {
    setBusy(true)
    setError(null)
    try {
      const session = await api<Session>('/api/auth/sign-in', { method: 'POST', body: values })
      setCsrfToken(session.csrfToken)
      const chosen = takeChosenBeforeSignIn()
      if (session.user && chosen && chosen !== session.user.locale) {
        session.user = await api<User>('/api/me', { method: 'PATCH', body: { locale: chosen } })
      }
      queryClient.setQueryData(['session'], session)
      // Only a path on this site: never an address someone slipped into the link.
      const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/'
      await navigate({ to: target })
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 400) form.setErrors(e.fieldErrors())
      else
        setError(
          e instanceof ApiProblem && e.status === 429
            ? t('signIn.limited')
            : e instanceof ApiProblem && e.status === 401
              ? t('signIn.failed')
              : String((e as Error).message),
        )
    } finally {
      setBusy(false)
    }
  })

  return (
    <PublicLayout title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('signIn.forgot')}
          </Anchor>
          {home.data?.demoAccounts ? (
            <Text size="xs" c="dimmed" ta="center">
              {t('signIn.demo', { password: 'meridian-demo' })}
            </Text>
          ) : null}
        </Stack>
      </form>
    </PublicLayout>
  )
}
