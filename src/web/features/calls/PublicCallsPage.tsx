import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import type { Page } from '../../lib/types'
import { CatalogFrame } from '../catalog/CatalogFrame'
import { inLanguage } from '../catalog/types'
import { type Call, inZone, PHASE_TONES } from './types'

export type CallPhase = Call['phase']

/** The public list of calls: open ones first by default, upcoming and closed a click away. */
export function PublicCallsPage({ phase }: { phase: CallPhase }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const list = useQuery({
    queryKey: ['public-calls', phase],
    queryFn: () => api<Page<Call>>(`/api/public/calls?phase=${phase}&pageSize=100`),
  })
  return (
    <CatalogFrame size="md">
      <Stack component="main">
        <Title order={1}>{t('calls.publicTitle')}</Title>
        <Text c="dimmed">{t('calls.publicIntro')}</Text>
        <SegmentedControl
          w="fit-content"
          value={phase}
          onChange={(v) => void navigate({ to: '/calls', search: { phase: v as CallPhase } })}
          data={(['open', 'upcoming', 'closed'] as const).map((p) => ({ value: p, label: t(`calls.phases.${p}`) }))}
          aria-label={t('calls.phase')}
        />
        <ProblemAlert error={list.error} />
        {list.data?.items.length === 0 ? <Text>{t(`calls.noneInPhase.${phase}`)}</Text> : null}
        {list.data?.items.map((c) => (
          <Card key={c.id} withBorder padding="md" component="article">
            <Group justify="space-between" align="flex-start">
              <Stack gap={4}>
                <AnchorLink to="/calls/$id" params={{ id: c.id }} fw={600} size="lg">
                  {inLanguage(c.title, i18n.language)}
                </AnchorLink>
                <Text size="sm" c="dimmed">
                  {t(`calls.audiences.${c.audience}`)} · {c.academicYear} · {t('calls.opportunities', { count: c.offers.length })}
                </Text>
                <Text size="sm">
                  {c.phase === 'upcoming'
                    ? t('calls.opensOn', { when: inZone(c.opensAt, c.timeZone) })
                    : c.phase === 'open'
                      ? t('calls.closesOn', { when: inZone(c.closesAt, c.timeZone) })
                      : t('calls.closedOn', { when: inZone(c.closesAt, c.timeZone) })}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end">
                <ToneBadge tone={PHASE_TONES[c.phase]} variant="light">
                  {t(`calls.phases.${c.phase}`)}
                </ToneBadge>
                <Text size="sm">{t('calls.placesLeftOf', { left: c.placesLeft, total: c.placesTotal })}</Text>
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
    </CatalogFrame>
  )
}
