import { Button, Group, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const today = () => new Date().toISOString().slice(0, 10)

/** The day of arrival (today unless said otherwise, never later), confirmed by one button. */
export function ArrivalForm({ busy, onConfirm }: { busy: boolean; onConfirm: (date: string) => void }) {
  const { t } = useTranslation()
  const [date, setDate] = useState(today())
  return (
    <Group align="end">
      <TextInput
        type="date"
        label={t('mobility.arrivalDate')}
        value={date}
        max={today()}
        onChange={(e) => setDate(e.currentTarget.value)}
      />
      <Button loading={busy} onClick={() => onConfirm(date)}>
        {t('mobility.confirmArrival')}
      </Button>
    </Group>
  )
}
