import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core'
import { useForm } from '@mantine/form'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MIN_LENGTH } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { PublicLayout } from '../../components/PublicLayout'
import { ApiProblem, api } from '../../lib/api'
import { tokenFromHash } from './tokenFromHash'

export function ResetPasswordPage() {
  const { t } = useTranslation()
  const [token] = useState(tokenFromHash)
  const [done, setDone] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length < PASSWORD_MIN_LENGTH ? t('password.hint', { min: PASSWORD_MIN_LENGTH }) : null),
      confirm: (v, values) => (v !== values.password ? t('reset.mismatch') : null),
    },
  })
  const submit = form.onSubmit(async ({ password }) => {
    setBusy(true)
    setError(null)
    try {
      await api('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } })
      setDone(true)
    } catch (e) {
      if (e instanceof ApiProblem && e.fieldErrors().token) setError(new Error(t('reset.invalid')))
      else if (e instanceof ApiProblem && e.status === 400) form.setErrors(e.fieldErrors())
      else setError(e)
    } finally {
      setBusy(false)
    }
  })
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
