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
  Table,
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
  const form = useForm({ initialValues: { name: '', expiresInDays: 90 as number | string, password: '' } })
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
          <Group wrap="nowrap">
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
        <Group align="end">
          <TextInput label={t('account.tokenName')} required {...form.getInputProps('name')} w={260} />
          <NumberInput label={t('account.tokenDays')} min={1} max={365} {...form.getInputProps('expiresInDays')} w={160} />
          <PasswordInput
            label={t('account.current')}
            required
            autoComplete="current-password"
            {...form.getInputProps('password')}
            w={220}
          />
          <Button type="submit" variant="light">
            {t('account.createToken')}
          </Button>
        </Group>
      </form>
      {tokens.data?.length ? (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('account.tokens')}>
            <Table.Tbody>
              {tokens.data.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Td>{tok.name}</Table.Td>
                  <Table.Td>
                    <Code>{tok.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    {t('account.lastUsed')}: {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('account.never')}
                  </Table.Td>
                  <Table.Td>
                    {t('account.expiresAt')}: {formatDate(tok.expiresAt)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setRenewing(tok)}>
                        {t('account.renew')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => revoke(tok.id)}>
                        {t('account.revoke')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
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
