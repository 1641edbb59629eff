import { Alert, Button, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MIN_LENGTH } from '../../../shared/limits'
import type { Role } from '../../../shared/roles'
import { ProblemAlert } from '../../components/ProblemAlert'
import { PublicLayout } from '../../components/PublicLayout'
import { api, setCsrfToken } from '../../lib/api'
import type { Session } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'
import { tokenFromHash } from './tokenFromHash'

export function InvitationPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [token] = useState(tokenFromHash)
  const invitation = useQuery({
    queryKey: ['invitation', token],
    enabled: !!token,
    queryFn: () =>
      api<{ email: string; name: string | null; role: Role }>('/api/invitations/lookup', { method: 'POST', body: { token } }),
  })
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: { password: (v) => (v.length < PASSWORD_MIN_LENGTH ? t('password.hint', { min: PASSWORD_MIN_LENGTH }) : null) },
  })
  const setValues = form.setValues
  useEffect(() => {
    if (invitation.data?.name) setValues({ name: invitation.data.name })
  }, [invitation.data?.name, setValues])

  const {
    onSubmit: submit,
    busy,
    error,
    setError,
  } = useSubmit(
    form,
    async (values) => {
      const session = await api<Session>('/api/invitations/accept', { method: 'POST', body: { token, ...values } })
      setCsrfToken(session.csrfToken)
      queryClient.setQueryData(['session'], session)
      await navigate({ to: '/' })
    },
    // A spent or withdrawn invitation is not a field to correct.
    (problem) => {
      if (!problem.fieldErrors().token) return false
      setError(problem)
      return true
    },
  )

  return (
    <PublicLayout title={t('invitation.title')}>
      {!token || invitation.isError ? (
        <Alert color="orange">{t('invitation.invalid')}</Alert>
      ) : invitation.isPending ? (
        <Loader role="status" aria-label={t('app.loading')} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              {t('invitation.intro', { role: t(`roles.${invitation.data.role}`), email: invitation.data.email })}
            </Text>
            <ProblemAlert error={error} />
            <TextInput label={t('invitation.name')} autoComplete="name" required autoFocus {...form.getInputProps('name')} />
            <PasswordInput
              label={t('signIn.password')}
              description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy}>
              {t('invitation.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicLayout>
  )
}
