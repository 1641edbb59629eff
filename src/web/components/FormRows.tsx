import { ActionIcon, Button, Group } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** The bin beside a row of a form's list (a contact, a period, a criterion). */
export function RemoveRowButton({
  label,
  onClick,
  size = 16,
  mb = 4,
}: {
  label: string
  onClick: () => void
  size?: number
  mb?: number
}) {
  return (
    <ActionIcon variant="subtle" color="red" mb={mb} aria-label={label} onClick={onClick}>
      <IconTrash size={size} aria-hidden />
    </ActionIcon>
  )
}

/** The button under a form's list that adds a row. */
export function AddRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="light" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={onClick}>
      {label}
    </Button>
  )
}

/** A page form's last line: back without saving, or save. */
export function FormActions({ busy, disabled = false }: { busy: boolean; disabled?: boolean }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={() => window.history.back()}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} disabled={disabled}>
        {t('common.save')}
      </Button>
    </Group>
  )
}
