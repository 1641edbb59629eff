import { Badge, Button, Group, Loader, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentDto } from '../../../shared/api/mobilities'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDate, formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'

type Incident = IncidentDto

const SEVERITIES = ['info', 'concern', 'emergency'] as const
const COLOUR = { info: 'gray', concern: 'orange', emergency: 'red' } as const
const today = () => new Date().toISOString().slice(0, 10)

/** Incident notes on a mobility, which only the office reads and writes. */
export function IncidentsCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const key = ['incidents', applicationId]
  const path = `/api/applications/${applicationId}/incidents`
  const found = useQuery({ queryKey: key, queryFn: () => api<{ items: Incident[] }>(path) })
  const { run, busy, error } = useAction()
  const [severity, setSeverity] = useState<Incident['severity']>('info')
  const [occurredOn, setOccurredOn] = useState(today())
  const [note, setNote] = useState('')

  const save = () =>
    run('incident', async () => {
      queryClient.setQueryData(
        key,
        await api<{ items: Incident[] }>(path, { method: 'POST', body: { severity, occurredOn, note } }),
      )
      setNote('')
      notifications.show({ message: t('incidents.saved'), color: 'green' })
    })

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb={4}>
        {t('incidents.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('incidents.officeOnly')}
      </Text>
      <ProblemAlert error={found.error ?? error} />
      {!found.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack gap="xs" mb="sm">
          {found.data.items.length === 0 && <Text c="dimmed">{t('incidents.none')}</Text>}
          {found.data.items.map((i) => (
            <Paper key={i.id} withBorder p="xs">
              <Group gap="xs" mb={4}>
                <Badge color={COLOUR[i.severity]}>{t(`incidents.severities.${i.severity}`)}</Badge>
                <Text size="sm" fw={500}>
                  {formatDate(i.occurredOn)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('incidents.writtenBy', { name: i.writtenBy ?? '—', date: formatDateTime(i.writtenAt) })}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {i.note}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      <Stack gap="xs">
        <Group align="end">
          <Select
            label={t('incidents.severity')}
            value={severity}
            allowDeselect={false}
            onChange={(v) => setSeverity((v ?? 'info') as Incident['severity'])}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severities.${s}`) }))}
            w={180}
          />
          <TextInput
            type="date"
            label={t('incidents.occurredOn')}
            value={occurredOn}
            max={today()}
            onChange={(e) => setOccurredOn(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('incidents.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button loading={busy === 'incident'} onClick={save}>
            {t('incidents.add')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
