import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { PublicLayout } from '../../components/PublicLayout'
import { takeChosenBeforeSignIn } from '../../i18n'
import { api, setCsrfToken } from '../../lib/api'
import { useHomeInstitution } from '../../lib/home'
import type { Session, User } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'

export function SignInPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { next } = useSearch({ from: '/sign-in' })
  const form = useForm({ initialValues: { email: '', password: '' } })
  const home = useHomeInstitution()

  const {
    onSubmit: submit,
    busy,
    error,
    setError,
  } = useSubmit(
    form,
    async (values) => {
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
    },
    // Refusals are worded here, in the person's language.
    (problem) => {
      if (problem.status !== 401 && problem.status !== 429) return false
      setError(new Error(problem.status === 429 ? t('signIn.limited') : t('signIn.failed')))
      return true
    },
  )

  return (
    <PublicLayout title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error instanceof Error ? error.message : String(error)}
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
