import { Button, Group, Modal, Stack, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { type Call, PHASE_TONES } from './types'

export const CALL_STATUS_TONES = { draft: 'gray', published: 'green', cancelled: 'red' } as const

/** Where a call stands (status, and for a published one its phase) and the steps it can take. */
export function CallStatusBadges({ call: c }: { call: Call }) {
  const { t } = useTranslation()
  return (
    <Group gap={4}>
      <ToneBadge tone={CALL_STATUS_TONES[c.status]} variant="light">
        {t(`calls.statuses.${c.status}`)}
      </ToneBadge>
      {c.status === 'published' ? (
        <ToneBadge tone={PHASE_TONES[c.phase]} variant="outline">
          {t(`calls.phases.${c.phase}`)}
        </ToneBadge>
      ) : null}
    </Group>
  )
}

export function CallStatusActions({ call: c }: { call: Call }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const go = async (status: Call['status'], why?: string) => {
    setBusy(true)
    setError(null)
    try {
      const saved = await api<Call>(`/api/calls/${c.id}/status`, { method: 'POST', body: { status, reason: why } })
      queryClient.setQueryData(['call', c.id], saved)
      await queryClient.invalidateQueries({ queryKey: ['calls'] })
      notifications.show({ color: 'green', message: t(`calls.statusNow.${status}`) })
      setCancelling(false)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        <CallStatusBadges call={c} />
        {c.status === 'draft' ? (
          <Button size="xs" loading={busy} onClick={() => void go('published')}>
            {t('calls.publish')}
          </Button>
        ) : null}
        {c.status === 'published' && c.phase === 'upcoming' ? (
          <Button size="xs" variant="default" loading={busy} onClick={() => void go('draft')}>
            {t('calls.unpublish')}
          </Button>
        ) : null}
        {c.status === 'published' ? (
          <AnchorLink to="/calls/$id" params={{ id: c.id }} size="sm">
            {t('calls.publicPage')}
          </AnchorLink>
        ) : null}
        {c.status !== 'cancelled' ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(true)}>
            {t('calls.cancelCall')}
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={cancelling ? null : error} />
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('calls.cancelCall')}>
        <Stack>
          <ProblemAlert error={error} />
          <Textarea
            label={t('calls.cancelReason')}
            required
            autosize
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('common.close')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void go('cancelled', reason.trim() || undefined)}>
              {t('calls.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
