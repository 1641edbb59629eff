import { Anchor, Button, Group, Loader, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canTake } from '../../../shared/applications'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { countryName, formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { inZone } from '../calls/types'
import { inLanguage } from '../catalog/types'
import { LearningAgreementLink } from '../learning-agreements/LearningAgreementLink'
import { ApplicationDocuments } from './ApplicationDocuments'
import { Explanations, UnmetList } from './Explain'
import { type Application, type Explanation, STATUS_TONES } from './types'

/** A person's applications: where each stands, the place offered and why, the answer to give. */
export function MyApplicationsPage() {
  const { t } = useTranslation()
  const mine = useQuery({ queryKey: ['my-applications'], queryFn: () => api<{ items: Application[] }>('/api/me/applications') })
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={1}>{t('applications.myTitle')}</Title>
        <ButtonLink to="/calls" search={{ phase: 'open' }} variant="light">
          {t('applications.findCall')}
        </ButtonLink>
      </Group>
      <ProblemAlert error={mine.error} />
      {mine.isLoading ? <Loader aria-label={t('common.loading')} /> : null}
      {mine.data?.items.length === 0 ? <Text>{t('applications.none_yet')}</Text> : null}
      {mine.data?.items.map((a) => (
        <ApplicationCard key={a.id} application={a} />
      ))}
    </Stack>
  )
}

function ApplicationCard({ application: a }: { application: Application }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { run, busy, error } = useAction()
  const [confirm, setConfirm] = useState<'decline' | 'withdraw' | null>(null)
  const [reason, setReason] = useState('')
  const decided = ['offered', 'waitlisted', 'accepted', 'declined', 'nominated', 'host_accepted', 'host_rejected'].includes(
    a.status,
  )
  const result = useQuery({
    queryKey: ['application-result', a.id, a.status, a.offer?.opportunityId],
    queryFn: () => api<{ explanations: Explanation[] }>(`/api/applications/${a.id}/result`),
    enabled: decided,
  })

  const act = (what: 'accept' | 'decline' | 'withdraw') =>
    run(what, async () => {
      if (what === 'withdraw')
        await api(`/api/applications/${a.id}/withdraw`, { method: 'POST', body: { reason: reason.trim() || null } })
      else await api(`/api/applications/${a.id}/answer`, { method: 'POST', body: { answer: what } })
      await queryClient.invalidateQueries({ queryKey: ['my-applications'] })
      notifications.show({ color: 'green', message: t(`applications.done.${what}`) })
      setConfirm(null)
    })

  return (
    <Paper withBorder p="md" component="article" aria-label={inLanguage(a.call.title, i18n.language)}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {inLanguage(a.call.title, i18n.language)}
            </Title>
            <Text size="sm" c="dimmed">
              {a.call.academicYear} ·{' '}
              {a.submittedAt
                ? t('applications.submittedOn', { when: formatDateTime(a.submittedAt) })
                : t('calls.closesOn', { when: inZone(a.call.closesAt, a.call.timeZone) })}
            </Text>
          </div>
          <ToneBadge tone={STATUS_TONES[a.status]} variant="light" size="lg">
            {t(`applications.statuses.${a.status}`)}
          </ToneBadge>
        </Group>

        {a.offer && (a.status === 'offered' || a.status === 'accepted') ? (
          <Paper bg={a.status === 'offered' ? 'grape.0' : 'green.0'} p="sm" radius="sm">
            <Text fw={600}>
              {t(a.status === 'offered' ? 'applications.offeredPlace' : 'applications.acceptedPlace', { n: a.offer.choice })}
            </Text>
            <Text>
              {inLanguage(a.offer.title, i18n.language)} — {a.offer.host.name}, {countryName(a.offer.host.country)}
            </Text>
            {a.status === 'offered' && a.offer.deadline ? (
              <Text size="sm">{t('applications.answerBy', { when: inZone(a.offer.deadline, a.call.timeZone) })}</Text>
            ) : null}
            {a.status === 'offered' ? (
              <Group mt="xs">
                <Button onClick={() => void act('accept')} loading={busy === 'accept'}>
                  {t('applications.accept')}
                </Button>
                <Button variant="default" color="red" onClick={() => setConfirm('decline')}>
                  {t('applications.decline')}
                </Button>
              </Group>
            ) : null}
          </Paper>
        ) : null}
        {a.status === 'waitlisted' ? <Text>{t('applications.waitlistedText')}</Text> : null}
        {a.nominatedAt && a.offer ? (
          <Paper
            bg={a.status === 'host_rejected' ? 'red.0' : a.status === 'host_accepted' ? 'green.0' : 'blue.0'}
            p="sm"
            radius="sm"
          >
            <Text fw={600}>
              {inLanguage(a.offer.title, i18n.language)} — {a.offer.host.name}, {countryName(a.offer.host.country)}
            </Text>
            <Text size="sm">
              {a.status === 'host_rejected'
                ? t('nominations.rejectedBecause', { reason: a.hostReason ?? '' })
                : a.status === 'host_accepted'
                  ? t('nominations.hostAccepted')
                  : t('nominations.waitingForHost')}
            </Text>
            <Anchor size="sm" href={`/api/applications/${a.id}/nomination-letter?lang=${i18n.language}`} target="_blank">
              {t('nominations.letter')}
            </Anchor>
          </Paper>
        ) : null}
        {a.offer?.incoming && a.status === 'host_accepted' ? (
          <Paper bg="green.0" p="sm" radius="sm">
            <Text fw={600}>{t('incoming.youAreAdmitted', { place: inLanguage(a.offer.title, i18n.language) })}</Text>
            <Anchor size="sm" href={`/api/applications/${a.id}/letters/acceptance?lang=${i18n.language}`} target="_blank">
              {t('incoming.letters.acceptance')}
            </Anchor>
          </Paper>
        ) : null}
        {result.data?.explanations.length ? (
          <div>
            <Text size="sm" fw={500}>
              {t('applications.whyNotHigher')}
            </Text>
            <Explanations items={result.data.explanations} opportunities={a.choices} />
          </div>
        ) : null}

        <div>
          <Text size="sm" fw={500}>
            {t('applications.yourChoices')}
          </Text>
          {a.choices.map((c) => (
            <div key={c.opportunityId}>
              <Text size="sm">
                {c.rank}.{' '}
                <AnchorLink to="/catalog/$id" params={{ id: c.opportunityId }}>
                  {inLanguage(c.title, i18n.language)}
                </AnchorLink>{' '}
                — {c.host.name}
              </Text>
              {a.status === 'draft' ? <UnmetList unmet={c.unmet} /> : null}
            </div>
          ))}
        </div>
        {a.status !== 'draft' ? <ApplicationDocuments application={a} editable={false} viewer="owner" /> : null}
        {a.withdrawReason ? (
          <Text size="sm" c="dimmed">
            {a.withdrawReason}
          </Text>
        ) : null}
        <ProblemAlert error={error} />
        <Group>
          <LearningAgreementLink application={a} />
          {a.status === 'draft' && a.call.phase === 'open' ? (
            <ButtonLink to="/apply/$callId" params={{ callId: a.call.id }} variant="light">
              {t('applications.continue')}
            </ButtonLink>
          ) : null}
          {a.status === 'draft' && a.call.phase === 'upcoming' ? (
            <Text size="sm" c="dimmed">
              {t('applications.notYetOpen')}
            </Text>
          ) : null}
          {canTake('withdraw', a.status) ? (
            <Button variant="subtle" color="red" onClick={() => setConfirm('withdraw')}>
              {t('applications.withdraw')}
            </Button>
          ) : null}
        </Group>
      </Stack>
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? t(`applications.confirm.${confirm}`) : ''}
      >
        <Stack>
          <Text size="sm">{confirm ? t(`applications.confirmText.${confirm}`) : ''}</Text>
          {confirm === 'withdraw' ? (
            <Textarea
              label={t('applications.withdrawReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy === confirm} onClick={() => confirm && void act(confirm)}>
              {confirm ? t(`applications.${confirm}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
