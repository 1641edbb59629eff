import { Button, Card, Group, TagsInput, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'

/** How many days before an agreement ends its responsible officer is reminded. */
export function ReminderSettings() {
  const settings = useQuery({
    queryKey: ['settings', 'agreements'],
    queryFn: () => api<{ reminderDays: number[] }>('/api/settings/agreements'),
  })
  if (!settings.data) return <ProblemAlert error={settings.error} />
  return <ReminderForm days={settings.data.reminderDays} />
}

function ReminderForm({ days }: { days: number[] }) {
  const { t } = useTranslation()
  const form = useForm({ initialValues: { reminderDays: days.map(String) } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    const saved = await api<{ reminderDays: number[] }>('/api/settings/agreements', {
      method: 'PUT',
      body: { reminderDays: v.reminderDays.map((d) => Number(d)) },
    })
    form.setValues({ reminderDays: saved.reminderDays.map(String) })
    notifications.show({ color: 'green', message: t('settings.remindersSaved') })
  })
  return (
    <Card withBorder>
      <form onSubmit={onSubmit} noValidate>
        <Title order={2} size="h4" mb="xs">
          {t('settings.reminders')}
        </Title>
        <ProblemAlert error={error} />
        <Group align="end">
          <TagsInput
            label={t('settings.reminderDays')}
            description={t('settings.reminderDaysHint')}
            w={360}
            {...form.getInputProps('reminderDays')}
            error={form.errors.reminderDays ?? form.errors['reminderDays.0']}
          />
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('settings.remindersHint')}
        </Text>
      </form>
    </Card>
  )
}
