import { Badge, type BadgeProps } from '@mantine/core'

/** Badge text dark enough on the badges' light backgrounds for WCAG AA (4.5:1). */
export const READABLE = {
  teal: { root: { color: 'var(--mantine-color-teal-9)' } },
  gray: { root: { color: 'var(--mantine-color-gray-8)', borderColor: 'var(--mantine-color-gray-6)' } },
  grape: { root: { color: 'var(--mantine-color-grape-9)', borderColor: 'var(--mantine-color-grape-7)' } },
  blue: { root: { color: 'var(--mantine-color-meridian-9)' } },
  green: { root: { color: '#1f6f32', borderColor: 'var(--mantine-color-green-8)' } },
  red: { root: { color: 'var(--mantine-color-red-9)', borderColor: 'var(--mantine-color-red-8)' } },
} as const
export type Tone = keyof typeof READABLE

/** A badge in one of the readable tones. */
export function ToneBadge({
  tone,
  variant = 'light',
  ...props
}: Omit<BadgeProps, 'color' | 'styles'> & { tone: Tone; children: React.ReactNode }) {
  return <Badge color={tone === 'blue' ? undefined : tone} variant={variant} styles={READABLE[tone]} {...props} />
}
