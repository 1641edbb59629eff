import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDate, formatDateTime } from '../../lib/format'
import type { ApiToken } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'

export function ApiTokens() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<ApiToken[]>('/api/me/tokens') })
  const [created, setCreated] = useState<string | null>(null)
  const [renewing, setRenewing] = useState<ApiToken | null>(null)
  const form = useForm({
    initialValues: { name: '', expiresInDays: 90 as number | string, password: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('account.tokenNameNeeded')),
      expiresInDays: (v) =>
        v === '' || (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 365) ? null : t('account.tokenDaysRange'),
      password: (v) => (v ? null : t('account.passwordToConfirm')),
    },
  })
  const { onSubmit: submit, error } = useSubmit(form, async (v) => {
    const res = await api<ApiToken & { token: string }>('/api/me/tokens', {
      method: 'POST',
      body: {
        name: v.name,
        password: v.password,
        ...(v.expiresInDays === '' ? {} : { expiresInDays: Number(v.expiresInDays) }),
      },
    })
    setCreated(res.token)
    form.reset()
    await queryClient.invalidateQueries({ queryKey: ['tokens'] })
  })
  const revoke = async (id: string) => {
    await api(`/api/me/tokens/${id}`, { method: 'DELETE' })
    await queryClient.invalidateQueries({ queryKey: ['tokens'] })
  }
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('account.tokens')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('account.tokensIntro')} {t('account.tokensRevokedWithPassword')}
      </Text>
      {created ? (
        <Alert color="yellow" title={t('account.tokenCreated')} withCloseButton onClose={() => setCreated(null)}>
          <Group>
            <Code data-testid="new-token" style={{ wordBreak: 'break-all' }}>
              {created}
            </Code>
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy} variant="light">
                  {copied ? t('account.copied') : t('account.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      ) : null}
      <ProblemAlert error={error} />
      <form onSubmit={submit} noValidate>
        <Group align="flex-start">
          <TextInput label={t('account.tokenName')} required {...form.getInputProps('name')} w={{ base: '100%', sm: 260 }} />
          <NumberInput
            label={t('account.tokenDays')}
            min={1}
            max={365}
            {...form.getInputProps('expiresInDays')}
            w={{ base: '100%', sm: 160 }}
          />
          <PasswordInput
            label={t('account.current')}
            required
            autoComplete="current-password"
            {...form.getInputProps('password')}
            w={{ base: '100%', sm: 220 }}
          />
          {/* Level with the inputs below their labels, whether or not an error shows under one. */}
          <Button
            type="submit"
            variant="light"
            mt={{ base: 0, sm: 'calc(var(--mantine-line-height-sm) * var(--mantine-font-size-sm))' }}
          >
            {t('account.createToken')}
          </Button>
        </Group>
      </form>
      {tokens.data?.length ? (
        // A list rather than a table: each token wraps onto lines of its own on a phone.
        <Stack component="ul" gap={0} aria-label={t('account.tokens')} p={0} m={0} style={{ listStyle: 'none' }}>
          {tokens.data.map((tok) => (
            <Group
              component="li"
              key={tok.id}
              justify="space-between"
              gap="xs"
              py="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <div>
                <Group gap="xs">
                  <Text fw={500}>{tok.name}</Text>
                  <Code>{tok.prefix}…</Code>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('account.lastUsed')}: {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('account.never')} ·{' '}
                  {t('account.expiresAt')}: {formatDate(tok.expiresAt)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="subtle" onClick={() => setRenewing(tok)}>
                  {t('account.renew')}
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => revoke(tok.id)}>
                  {t('account.revoke')}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      ) : (
        <Text c="dimmed" size="sm">
          {t('account.noTokens')}
        </Text>
      )}
      <RenewToken token={renewing} onClose={() => setRenewing(null)} />
    </Stack>
  )
}

/** Renewing a token: for the days asked, from today, with the password asked again. */
function RenewToken({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useForm({ initialValues: { expiresInDays: 90 as number | string, password: '' } })
  const { onSubmit, error, busy } = useSubmit(form, async (v) => {
    await api<ApiToken>(`/api/me/tokens/${token!.id}/renewal`, {
      method: 'POST',
      body: { password: v.password, ...(v.expiresInDays === '' ? {} : { expiresInDays: Number(v.expiresInDays) }) },
    })
    form.reset()
    await queryClient.invalidateQueries({ queryKey: ['tokens'] })
    onClose()
  })
  return (
    <Modal opened={!!token} onClose={onClose} title={t('account.renewToken', { name: token?.name ?? '' })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={error} />
          <NumberInput label={t('account.tokenDays')} min={1} max={365} {...form.getInputProps('expiresInDays')} />
          <PasswordInput
            label={t('account.current')}
            required
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy}>
            {t('account.renew')}
          </Button>
        </Stack>
      </form>
    </Modal>
  )
}
