import { Anchor, Button, FileButton, Group, Paper, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../lib/format'
import type { MobilityView } from './mobility.types'

/**
 * The end of an outgoing staff visit: the host's certificate of the visit, then the last day.
 * There is no transcript and nothing to recognise (decision 030).
 */
export function VisitEndCard({
  view,
  busy,
  onUpload,
  onEnd,
}: {
  view: MobilityView
  busy: string | null
  onUpload: (file: File) => void
  onEnd: (leftOn: string) => void
}) {
  const { t } = useTranslation()
  const [leftOn, setLeftOn] = useState(new Date().toISOString().slice(0, 10))
  const certificate = view.hostCertificate
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('visitEnd.title')}
        </Title>
        {certificate && (
          <Anchor href={`/api/documents/${certificate.id}`} target="_blank">
            {certificate.fileName}
          </Anchor>
        )}
      </Group>
      {view.leftOn ? (
        <Text>{t('visitEnd.ended', { date: formatDate(view.leftOn) })}</Text>
      ) : view.actions.endVisit ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('visitEnd.intro')}
          </Text>
          <Group align="end">
            <FileButton onChange={(f) => f && onUpload(f)} accept="application/pdf,image/png,image/jpeg">
              {(props) => (
                <Button variant="light" loading={busy === 'upload'} {...props}>
                  {certificate ? t('visitEnd.replace') : t('visitEnd.upload')}
                </Button>
              )}
            </FileButton>
            <TextInput
              type="date"
              label={t('mobility.leftOnLabel')}
              value={leftOn}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(e) => setLeftOn(e.currentTarget.value)}
            />
            <Button loading={busy === 'visit-end'} disabled={!certificate} onClick={() => onEnd(leftOn)}>
              {t('visitEnd.record')}
            </Button>
          </Group>
        </>
      ) : (
        <Text c="dimmed">{t('visitEnd.notYet')}</Text>
      )}
    </Paper>
  )
}
