import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconBell, IconBellOff } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { useSession } from '../../lib/session'
import type { CatalogItem } from '../catalog/types'
import { inLanguage } from '../catalog/types'
import { type Call, inZone, PHASE_TONES } from './types'

/**
 * On an opportunity's page: the calls that offer places in it, and, while none is open, a way
 * to be told by e-mail when one opens.
 */
export function OpportunityCalls({ opportunityId }: { opportunityId: string }) {
  const { t, i18n } = useTranslation()
  const calls = useQuery({
    queryKey: ['catalog', 'calls', opportunityId],
    queryFn: () => api<{ items: Call[] }>(`/api/catalog/${opportunityId}/calls`),
  })
  const items = calls.data?.items ?? []
  const open = items.some((c) => c.phase === 'open')
  return (
    <Stack gap="xs" component="section" aria-label={t('calls.applying')}>
      <Text fw={600}>{t('calls.applying')}</Text>
      {items.map((c) => (
        <Group key={c.id} gap="sm">
          <ToneBadge tone={PHASE_TONES[c.phase]} variant="light">
            {t(`calls.phases.${c.phase}`)}
          </ToneBadge>
          <AnchorLink to="/calls/$id" params={{ id: c.id }}>
            {inLanguage(c.title, i18n.language)}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {c.phase === 'open'
              ? t('calls.closesOn', { when: inZone(c.closesAt, c.timeZone) })
              : t('calls.opensOn', { when: inZone(c.opensAt, c.timeZone) })}
          </Text>
        </Group>
      ))}
      {calls.data && !open ? <OpeningAlert opportunityId={opportunityId} /> : null}
    </Stack>
  )
}

function OpeningAlert({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const session = useSession()
  const signedIn = !!session.data?.user
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: () => api<{ items: CatalogItem[] }>('/api/me/alerts'),
    enabled: signedIn,
  })
  if (!signedIn) {
    return (
      <Text size="sm">
        {t('calls.noOpenCall')}{' '}
        <AnchorLink to="/sign-in" search={{ next: `/catalog/${opportunityId}` }}>
          {t('calls.signInToBeTold')}
        </AnchorLink>
      </Text>
    )
  }
  const asked = alerts.data?.items.some((a) => a.id === opportunityId) ?? false
  const toggle = async () => {
    await api(`/api/me/alerts/${opportunityId}`, { method: asked ? 'DELETE' : 'PUT' })
    await queryClient.invalidateQueries({ queryKey: ['alerts'] })
  }
  return (
    <Stack gap="xs">
      {asked ? (
        <Alert color="green" variant="light" role="status" p="xs">
          {t('calls.willBeTold')}
        </Alert>
      ) : (
        <Text size="sm">{t('calls.noOpenCall')}</Text>
      )}
      <Button
        variant={asked ? 'default' : 'light'}
        w="fit-content"
        leftSection={asked ? <IconBellOff size={16} aria-hidden /> : <IconBell size={16} aria-hidden />}
        onClick={() => void toggle()}
        loading={alerts.isLoading}
      >
        {asked ? t('calls.stopTelling') : t('calls.tellMe')}
      </Button>
    </Stack>
  )
}
