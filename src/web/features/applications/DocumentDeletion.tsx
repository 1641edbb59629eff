import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDate } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import type { ApplicantDocument } from './types'

/**
 * Deleting a document once the application is submitted (decision 034): its owner asks the office,
 * with a reason; the office deletes it, or keeps it and says why. Each side sees where the request stands.
 */
export function DocumentDeletion({
  doc,
  viewer,
  onChange,
}: {
  doc: ApplicantDocument
  viewer: 'owner' | 'office'
  onChange: () => Promise<unknown>
}) {
  const { t } = useTranslation()
  const { run, busy, error, setError } = useAction()
  const [asking, setAsking] = useState<'ask' | 'keep' | 'delete' | null>(null)
  const [reason, setReason] = useState('')
  const request = doc.deletionRequest
  const open = request?.status === 'open'
  const close = () => {
    setAsking(null)
    setReason('')
    setError(null)
  }
  const send = (what: 'ask' | 'keep' | 'delete') =>
    run(what, async () => {
      if (what === 'ask') await api(`/api/documents/${doc.id}/deletion-request`, { method: 'POST', body: { reason } })
      if (what === 'keep') await api(`/api/document-deletion-requests/${request!.id}/keep`, { method: 'POST', body: { reason } })
      if (what === 'delete') await api(`/api/documents/${doc.id}`, { method: 'DELETE' })
      notifications.show({ color: 'green', message: t(`applications.deletion.done.${what}`) })
      close()
      await onChange()
    })

  return (
    <Stack gap={4} align="flex-end">
      {open ? (
        <Badge color="orange" variant="light" miw="max-content">
          {t('applications.deletion.asked', { date: formatDate(request.requestedAt) })}
        </Badge>
      ) : null}
      {open && viewer === 'office' ? (
        <Text size="xs" c="dimmed" maw={300} ta="right">
          {t('applications.deletion.because', { reason: request.reason })}
        </Text>
      ) : null}
      {request?.status === 'kept' && viewer === 'owner' ? (
        <Text size="xs" c="dimmed" maw={300} ta="right">
          {t('applications.deletion.kept', { reason: request.keepReason })}
        </Text>
      ) : null}
      <Group gap={4} wrap="nowrap">
        {viewer === 'owner' && !open ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setAsking('ask')}>
            {t('applications.deletion.ask')}
          </Button>
        ) : null}
        {viewer === 'office' && open ? (
          <Button size="xs" variant="light" onClick={() => setAsking('keep')}>
            {t('applications.deletion.keep')}
          </Button>
        ) : null}
        {viewer === 'office' ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setAsking('delete')}>
            {t('applications.deletion.delete')}
          </Button>
        ) : null}
      </Group>
      <Modal
        opened={asking !== null}
        onClose={close}
        title={asking ? t(`applications.deletion.titles.${asking}`, { name: doc.fileName }) : ''}
      >
        <Stack>
          {asking === 'delete' ? (
            <Text size="sm">{t('applications.deletion.deleteWarning', { name: doc.fileName })}</Text>
          ) : (
            <Textarea
              label={t(asking === 'keep' ? 'applications.deletion.keepReason' : 'applications.deletion.reason')}
              description={t('applications.deletion.reasonHint')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              data-autofocus
            />
          )}
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color={asking === 'keep' ? undefined : 'red'}
              loading={busy !== null}
              onClick={() => asking && void send(asking)}
            >
              {asking ? t(`applications.deletion.confirm.${asking}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
