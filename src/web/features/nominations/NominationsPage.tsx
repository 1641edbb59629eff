import {
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconUpload } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NomineeDto } from '../../../shared/api/nominations'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api, uploadFile } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { ApplicationView } from '../applications/ApplicationView'
import { type Application, STATUS_TONES } from '../applications/types'
import { inLanguage } from '../catalog/types'
import { LearningAgreementLink } from '../learning-agreements/LearningAgreementLink'
import { OurElectivesCard } from './OurElectivesCard'

type Nominee = NomineeDto

/** A partner coordinator's list of the students we nominated to their institution. */
export function NominationsPage() {
  const { t, i18n } = useTranslation()
  const list = useQuery({ queryKey: ['nominations'], queryFn: () => api<{ items: Nominee[] }>('/api/nominations') })
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('nominations.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('nominations.intro')}
      </Text>
      <ProblemAlert error={list.error} />
      {list.isLoading ? <Loader aria-label={t('common.loading')} /> : null}
      {list.data?.items.length === 0 ? <Text>{t('nominations.none')}</Text> : null}
      {list.data?.items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('allocation.applicant')}</Table.Th>
                <Table.Th>{t('allocation.place')}</Table.Th>
                <Table.Th>{t('nominations.nominatedOn')}</Table.Th>
                <Table.Th>{t('office.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    <AnchorLink to="/nominations/$id" params={{ id: n.id }}>
                      {n.applicant.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {n.applicant.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {inLanguage(n.opportunity.title, i18n.language)}
                    <Text size="xs" c="dimmed">
                      {n.academicYear}
                    </Text>
                  </Table.Td>
                  <Table.Td>{n.nominatedAt ? formatDateTime(n.nominatedAt) : '—'}</Table.Td>
                  <Table.Td>
                    <ToneBadge tone={STATUS_TONES[n.status]} variant="light">
                      {t(`applications.statuses.${n.status}`)}
                    </ToneBadge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <OurElectivesCard />
    </Stack>
  )
}

/** One nominee: their application, the nomination letter, and the host's answer. */
export function NominationPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const found = useQuery({ queryKey: ['application', id], queryFn: () => api<Application>(`/api/applications/${id}`) })
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const { run, busy, error } = useAction()
  if (found.error) return <ProblemAlert error={found.error} />
  if (!found.data) return <Loader aria-label={t('common.loading')} />
  const a = found.data
  const refresh = async (next?: Application) => {
    if (next) queryClient.setQueryData(['application', id], next)
    else await queryClient.invalidateQueries({ queryKey: ['application', id] })
    await queryClient.invalidateQueries({ queryKey: ['nominations'] })
  }
  const decide = (decision: 'accept' | 'reject') =>
    run(decision, async () => {
      await refresh(
        await api<Application>(`/api/nominations/${id}/decision`, {
          method: 'POST',
          body: { decision, reason: decision === 'reject' ? reason.trim() || null : null },
        }),
      )
      notifications.show({ color: 'green', message: t(`nominations.done.${decision}`) })
      setRejecting(false)
    })
  const upload = (file: File | null) =>
    file &&
    run('upload', async () => {
      await uploadFile(`/api/nominations/${id}/acceptance-letter?name=${encodeURIComponent(file.name)}`, file)
      await refresh()
    })
  const letter = a.documents.find((d) => d.kind === 'acceptance_letter')
  return (
    <Stack maw={1000}>
      <AnchorLink to="/nominations" size="sm">
        {t('nominations.back')}
      </AnchorLink>
      <ApplicationView application={a} />
      <Group>
        <LearningAgreementLink application={a} />
      </Group>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            {t('nominations.answer')}
          </Title>
          {a.offer ? (
            <Text>
              {t('allocation.place')}: {inLanguage(a.offer.title, i18n.language)}
            </Text>
          ) : null}
          <Anchor href={`/api/applications/${id}/nomination-letter?lang=${i18n.language}`} target="_blank">
            {t('nominations.letter')}
          </Anchor>
          {rejecting ? null : <ProblemAlert error={error} />}
          {a.status === 'nominated' ? (
            <Group>
              <Button onClick={() => void decide('accept')} loading={busy === 'accept'}>
                {t('nominations.accept')}
              </Button>
              <Button variant="default" color="red" onClick={() => setRejecting(true)}>
                {t('nominations.reject')}
              </Button>
            </Group>
          ) : null}
          {a.status === 'host_rejected' ? (
            <Alert color="red">{t('nominations.rejectedBecause', { reason: a.hostReason ?? '' })}</Alert>
          ) : null}
          {a.status === 'host_accepted' ? <Alert color="green">{t('nominations.hostAccepted')}</Alert> : null}
          {a.status === 'host_accepted' ? (
            <Group>
              <Text size="sm">
                {letter ? t('nominations.letterUploaded', { name: letter.fileName }) : t('nominations.uploadLetterHint')}
              </Text>
              <FileButton onChange={(f) => void upload(f)} accept="application/pdf,image/png,image/jpeg,.docx">
                {(props) => (
                  <Button
                    {...props}
                    variant="light"
                    loading={busy === 'upload'}
                    leftSection={<IconUpload size={16} aria-hidden />}
                  >
                    {letter ? t('applications.replace') : t('nominations.uploadLetter')}
                  </Button>
                )}
              </FileButton>
            </Group>
          ) : null}
        </Stack>
      </Paper>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('nominations.reject')}>
        <Stack>
          <Textarea label={t('nominations.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy === 'reject'} onClick={() => void decide('reject')}>
              {t('nominations.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
