import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MIN_LENGTH } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { PublicLayout } from '../../components/PublicLayout'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'
import { tokenFromHash } from './tokenFromHash'

export function ResetPasswordPage() {
  const { t } = useTranslation()
  const [token] = useState(tokenFromHash)
  const [done, setDone] = useState(false)
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length < PASSWORD_MIN_LENGTH ? t('password.hint', { min: PASSWORD_MIN_LENGTH }) : null),
      confirm: (v, values) => (v !== values.password ? t('reset.mismatch') : null),
    },
  })
  const {
    onSubmit: submit,
    busy,
    error,
    setError,
  } = useSubmit(
    form,
    async ({ password }) => {
      await api('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } })
      setDone(true)
    },
    (problem) => {
      if (!problem.fieldErrors().token) return false
      setError(new Error(t('reset.invalid')))
      return true
    },
  )
  return (
    <PublicLayout title={t('reset.title')}>
      {!token ? (
        <Alert color="orange">{t('reset.missing')}</Alert>
      ) : done ? (
        <Stack>
          <Alert color="green" role="status">
            {t('reset.done')}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <ProblemAlert error={error} />
            <PasswordInput
              label={t('reset.password')}
              description={t('password.hint', { min: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              required
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput label={t('reset.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={busy}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicLayout>
  )
}
