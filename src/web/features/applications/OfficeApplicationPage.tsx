import { Button, Group, Loader, Modal, Stack, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canTake } from '../../../shared/applications'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { LearningAgreementLink } from '../learning-agreements/LearningAgreementLink'
import { ApplicationView } from './ApplicationView'
import { NominationBox } from './NominationBox'
import type { Application } from './types'

/** One application as the office sees it, with a withdrawal on the applicant's behalf. */
export function OfficeApplicationPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const found = useQuery({ queryKey: ['application', id], queryFn: () => api<Application>(`/api/applications/${id}`) })
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>(null)
  if (found.error) return <ProblemAlert error={found.error} />
  if (!found.data) return <Loader aria-label={t('common.loading')} />
  const a = found.data
  const withdraw = async () => {
    setError(null)
    try {
      const saved = await api<Application>(`/api/applications/${id}/withdraw`, {
        method: 'POST',
        body: { reason: reason.trim() || null },
      })
      queryClient.setQueryData(['application', id], saved)
      notifications.show({ color: 'green', message: t('applications.done.withdraw') })
      setOpen(false)
    } catch (e) {
      setError(e)
    }
  }
  return (
    <Stack maw={1000}>
      <AnchorLink to="/office/calls/$id/applications" params={{ id: a.call.id }} search={{ tab: 'applications' }} size="sm">
        {t('applications.backToList')}
      </AnchorLink>
      <ApplicationView application={a} office />
      <NominationBox application={a} />
      <Group>
        <LearningAgreementLink application={a} />
      </Group>
      {canTake('withdraw', a.status) ? (
        <Group>
          <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
            {t('applications.withdrawFor')}
          </Button>
        </Group>
      ) : null}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('applications.withdrawFor')}>
        <Stack>
          <Textarea label={t('applications.withdrawReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => void withdraw()}>
              {t('applications.withdraw')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
