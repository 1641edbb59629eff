import { Button, Card, Group, NumberInput, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { RetentionSettingsDto } from '../../../shared/api/applications'
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDate } from '../../lib/format'
import { useSubmit } from '../../lib/useSubmit'

type Retention = RetentionSettingsDto

const key = ['settings', 'documents']

/** How long identity and health documents are kept after a mobility ends, and what that means today. */
export function RetentionSettings() {
  const settings = useQuery({ queryKey: key, queryFn: () => api<Retention>('/api/settings/documents') })
  if (!settings.data) return <ProblemAlert error={settings.error} />
  return <RetentionForm current={settings.data} />
}

function RetentionForm({ current }: { current: Retention }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useForm<{ retentionDays: number | string }>({ initialValues: { retentionDays: current.retentionDays } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    const saved = await api<Retention>('/api/settings/documents', {
      method: 'PUT',
      body: { retentionDays: v.retentionDays === '' ? null : Number(v.retentionDays) },
    })
    queryClient.setQueryData(key, saved)
    notifications.show({ color: 'green', message: t('settings.retentionSaved') })
  })
  return (
    <Card withBorder>
      <form onSubmit={onSubmit} noValidate>
        <Title order={2} size="h4" mb="xs">
          {t('settings.retention')}
        </Title>
        <ProblemAlert error={error} />
        <Group align="end">
          <NumberInput
            label={t('settings.retentionDays')}
            description={t('settings.retentionDaysHint', { min: RETENTION_DAYS_MIN, max: RETENTION_DAYS_MAX })}
            min={RETENTION_DAYS_MIN}
            max={RETENTION_DAYS_MAX}
            allowDecimal={false}
            clampBehavior="none"
            w={360}
            {...form.getInputProps('retentionDays')}
          />
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
        <Text size="sm" mt="xs">
          {t('settings.retentionKept', { count: current.kept, ongoing: current.ongoing })}{' '}
          {current.nextDeletionOn ? t('settings.retentionNext', { date: formatDate(current.nextDeletionOn) }) : ''}
        </Text>
        <Text size="xs" c="dimmed" mt="xs">
          {t('settings.retentionHint')}
        </Text>
      </form>
    </Card>
  )
}
