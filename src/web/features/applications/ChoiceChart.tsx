import { Box, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** How many got their first, second, … choice, and how many none, as horizontal bars. */
export function ChoiceChart({ byChoice, unplaced }: { byChoice: number[]; unplaced: number }) {
  const { t } = useTranslation()
  const bars = [
    ...byChoice.map((n, k) => ({ label: t('allocation.choiceN', { n: k + 1 }), n, color: 'var(--mantine-color-blue-6)' })),
    { label: t('allocation.unplaced'), n: unplaced, color: 'var(--mantine-color-orange-6)' },
  ]
  const max = Math.max(1, ...bars.map((b) => b.n))
  return (
    <Stack gap={6} role="img" aria-label={bars.map((b) => `${b.label}: ${b.n}`).join(', ')}>
      {bars.map((b) => (
        <Group key={b.label} gap="sm" wrap="nowrap" aria-hidden>
          <Text size="sm" w={110} ta="right">
            {b.label}
          </Text>
          <Box h={18} w={`${(b.n / max) * 70}%`} miw={2} bg={b.color} style={{ borderRadius: 3 }} />
          <Text size="sm" fw={500}>
            {b.n}
          </Text>
        </Group>
      ))}
    </Stack>
  )
}
