import { Button, Group } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import type { OfficeOpportunity } from './OpportunityFormPage'

export const OPPORTUNITY_STATUS_TONES = { draft: 'gray', published: 'green', archived: 'red' } as const

/** Publish a draft, take a published one back to draft, archive; what is missing to publish shows as an alert. */
export function OpportunityStatusActions({ opportunity: o }: { opportunity: OfficeOpportunity }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const go = async (status: OfficeOpportunity['status']) => {
    setBusy(true)
    setError(null)
    try {
      const saved = await api<OfficeOpportunity>(`/api/opportunities/${o.id}/status`, { method: 'POST', body: { status } })
      queryClient.setQueryData(['opportunity', o.id], saved)
      await queryClient.invalidateQueries({ queryKey: ['opportunities'] })
      notifications.show({ color: 'green', message: t(`office.statusNow.${status}`) })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Group gap="xs">
      <ToneBadge tone={OPPORTUNITY_STATUS_TONES[o.status]} size="lg">
        {t(`office.statuses.${o.status}`)}
      </ToneBadge>
      {o.status !== 'published' ? (
        <Button size="xs" loading={busy} onClick={() => void go('published')}>
          {t('office.publish')}
        </Button>
      ) : (
        <Button size="xs" variant="default" loading={busy} onClick={() => void go('draft')}>
          {t('office.unpublish')}
        </Button>
      )}
      {o.status !== 'archived' ? (
        <Button size="xs" variant="subtle" color="red" loading={busy} onClick={() => void go('archived')}>
          {t('office.archive')}
        </Button>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
    </Group>
  )
}
