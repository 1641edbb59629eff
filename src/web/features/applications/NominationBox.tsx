import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { canTake } from '../../../shared/applications'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { countryName, formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { inLanguage } from '../catalog/types'
import type { Application } from './types'

/** The office's side of the nomination: the place, the nomination, and the host's answer. */
export function NominationBox({ application: a }: { application: Application }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { run, busy, error } = useAction()
  if (!a.offer) return null
  if (a.offer.incoming) return <AdmissionBox application={a} />
  const nominate = () =>
    run('nominate', async () => {
      queryClient.setQueryData(
        ['application', a.id],
        await api<Application>(`/api/applications/${a.id}/nominate`, { method: 'POST' }),
      )
      notifications.show({ color: 'green', message: t('nominations.sent') })
    })
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('nominations.toHost')}
        </Title>
        <Text>
          {inLanguage(a.offer.title, i18n.language)} — {a.offer.host.name}, {countryName(a.offer.host.country)}
        </Text>
        {a.nominatedAt ? (
          <Group gap="md">
            <Text size="sm">{t('nominations.nominatedWhen', { when: formatDateTime(a.nominatedAt) })}</Text>
            <Anchor size="sm" href={`/api/applications/${a.id}/nomination-letter?lang=${i18n.language}`} target="_blank">
              {t('nominations.letter')}
            </Anchor>
          </Group>
        ) : null}
        {a.status === 'host_accepted' ? <Alert color="green">{t('nominations.hostAccepted')}</Alert> : null}
        {a.status === 'host_rejected' ? (
          <Alert color="red">{t('nominations.rejectedBecause', { reason: a.hostReason ?? '' })}</Alert>
        ) : null}
        <ProblemAlert error={error} />
        {canTake('nominate', a.status) ? (
          <Group>
            <Button onClick={() => void nominate()} loading={busy === 'nominate'}>
              {t('nominations.nominate')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  )
}

/** For an incoming student we are the host: the office admits them, and the letters follow. */
function AdmissionBox({ application: a }: { application: Application }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { run, busy, error } = useAction()
  const admit = () =>
    run('admit', async () => {
      await api(`/api/applications/${a.id}/admit`, { method: 'POST' })
      await queryClient.invalidateQueries({ queryKey: ['application', a.id] })
      notifications.show({ color: 'green', message: t('incoming.admitted') })
    })
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('incoming.admission')}
        </Title>
        <Text>{inLanguage(a.offer!.title, i18n.language)}</Text>
        <ProblemAlert error={error} />
        {a.status === 'host_accepted' ? (
          <>
            <Alert color="green">
              {t('incoming.admittedOn', { when: a.hostDecidedAt ? formatDateTime(a.hostDecidedAt) : '' })}
            </Alert>
            <Group gap="md">
              <Anchor size="sm" href={`/api/applications/${a.id}/letters/acceptance?lang=${i18n.language}`} target="_blank">
                {t('incoming.letters.acceptance')}
              </Anchor>
            </Group>
          </>
        ) : canTake('admit', a.status) ? (
          <Group>
            <Button onClick={() => void admit()} loading={busy === 'admit'}>
              {t('incoming.admit')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('incoming.admitWhenAccepted')}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}
