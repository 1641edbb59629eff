import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { changesOf, creditsOf, LA_GROUPS, type LaComponent } from '../../../shared/learning-agreements'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useSession } from '../../lib/session'
import { useAction } from '../../lib/useAction'
import { inLanguage } from '../catalog/types'

import { DraftEditor } from './DraftEditor'
import type { Version, View } from './types'

const TONES = { draft: 'gray', proposed: 'blue', approved: 'green', rejected: 'red' } as const

/** The learning agreement of one mobility, for the student, the office and the host alike; what each may do comes from the server. */
export function LearningAgreementPage({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const key = ['learning-agreement', applicationId]
  const found = useQuery({ queryKey: key, queryFn: () => api<View>(`/api/applications/${applicationId}/learning-agreement`) })
  const [shown, setShown] = useState<string | null>(null)
  const { run, busy, error } = useAction()
  const set = (next: View) => queryClient.setQueryData(key, next)
  const post = (path: string, body?: unknown) =>
    api<View>(`/api/applications/${applicationId}/learning-agreement${path}`, { method: 'POST', body })

  if (found.error) return <ProblemAlert error={found.error} />
  if (!found.data) return <Loader aria-label={t('common.loading')} />
  const { agreement, canStart } = found.data
  if (!agreement) {
    return (
      <Stack maw={800}>
        <Title order={1}>{t('la.title')}</Title>
        {canStart ? (
          <StartForm onStart={(period) => run('start', async () => set(await post('', period)))} busy={busy === 'start'} />
        ) : (
          <Alert>{t('la.notYet')}</Alert>
        )}
        <ProblemAlert error={error} />
      </Stack>
    )
  }
  const a = agreement
  const version = a.versions.find((v) => String(v.number) === shown) ?? a.versions[0]!
  const approvedBefore = a.versions.find((v) => v.number < version.number && v.status === 'approved') ?? null
  const editing = a.actions.edit && version.status === 'draft'
  return (
    <Stack maw={1100}>
      <Title order={1}>{t('la.title')}</Title>
      <Text c="dimmed" size="sm">
        {a.student.name} · {a.sendingInstitution} → {a.receivingInstitution} · {inLanguage(a.opportunityTitle, i18n.language)} ·{' '}
        {a.academicYear}
      </Text>
      <ProblemAlert error={error} />
      <Tabs value={String(version.number)} onChange={setShown}>
        <Tabs.List>
          {a.versions.map((v) => (
            <Tabs.Tab key={v.id} value={String(v.number)}>
              {t('la.version', { number: v.number })} · {t(`la.statuses.${v.status}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="space-between">
        <Group gap="xs">
          <ToneBadge tone={TONES[version.status]} variant="light">
            {t(`la.statuses.${version.status}`)}
          </ToneBadge>
          <Text size="sm">{t(`la.kinds.${version.kind}`)}</Text>
        </Group>
        <Anchor
          href={`/api/applications/${applicationId}/learning-agreement/pdf?version=${version.number}&lang=${i18n.language}`}
          target="_blank"
        >
          {t('la.pdf')}
        </Anchor>
      </Group>
      {version.status === 'rejected' && version.comment ? (
        <Alert color="red" title={t('la.rejectedTitle')}>
          {version.comment}
        </Alert>
      ) : null}
      {editing ? (
        <DraftEditor
          key={version.id}
          view={a}
          version={version}
          approved={approvedBefore?.components ?? null}
          busy={busy === 'save'}
          onSave={(draft) =>
            run('save', async () => {
              set(await api<View>(`/api/applications/${applicationId}/learning-agreement/draft`, { method: 'PUT', body: draft }))
              notifications.show({ color: 'green', message: t('la.saved') })
            })
          }
        />
      ) : (
        <>
          <Text size="sm">
            {t('la.period')}: {a.plannedStart} – {a.plannedEnd}
          </Text>
          <ComponentTables version={version} approved={approvedBefore?.components ?? null} />
        </>
      )}
      <Signatures version={version} />
      <Actions
        actions={a.actions}
        version={version}
        busy={busy}
        onSign={(signer) =>
          run('sign', async () => {
            set(await post('/sign', signer))
            notifications.show({ color: 'green', message: t('la.signed') })
          })
        }
        onReject={(comment) => run('reject', async () => set(await post('/reject', { comment })))}
        onNewVersion={() =>
          run('new', async () => {
            const next = await post('/versions')
            set(next)
            setShown(String(next.agreement!.versions[0]!.number))
          })
        }
      />
    </Stack>
  )
}

function StartForm({
  onStart,
  busy,
}: {
  onStart: (period: { plannedStart: string; plannedEnd: string }) => void
  busy: boolean
}) {
  const { t } = useTranslation()
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  return (
    <Paper withBorder p="md">
      <Stack>
        <Text>{t('la.startIntro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="month" label={t('la.plannedStart')} value={start} onChange={(e) => setStart(e.currentTarget.value)} />
          <TextInput type="month" label={t('la.plannedEnd')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
        </SimpleGrid>
        <Group>
          <Button loading={busy} onClick={() => onStart({ plannedStart: start, plannedEnd: end })}>
            {t('la.start')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

/** Tables A and B; in a change proposal also what it deletes and adds, with the reasons. */
function ComponentTables({ version, approved }: { version: Version; approved: LaComponent[] | null }) {
  const { t } = useTranslation()
  const { inserted, deleted } = changesOf(approved, version.components, version.removed)
  const reason = (c: LaComponent) =>
    [c.reasonCode ? t(`la.reasons.${c.reasonCode}`) : null, c.reasonText].filter(Boolean).join(' — ')
  return (
    <>
      {LA_GROUPS.map((group) => (
        <Paper withBorder p="md" key={group}>
          <Title order={2} size="h4" mb="xs">
            {t(`la.groups.${group}`)}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('la.code')}</Table.Th>
                <Table.Th>{t('la.componentTitle')}</Table.Th>
                <Table.Th>{t('la.term')}</Table.Th>
                <Table.Th>{t('la.credits')}</Table.Th>
                {approved ? <Table.Th>{t('la.change')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {version.components
                .filter((c) => c.group === group)
                .map((c) => (
                  <Table.Tr key={c.key}>
                    <Table.Td>{c.code ?? '—'}</Table.Td>
                    <Table.Td>{c.title}</Table.Td>
                    <Table.Td>{c.term ?? '—'}</Table.Td>
                    <Table.Td>{c.credits}</Table.Td>
                    {approved ? <Table.Td>{inserted.includes(c) ? `${t('la.added')}: ${reason(c)}` : ''}</Table.Td> : null}
                  </Table.Tr>
                ))}
              {deleted
                .filter((c) => c.group === group)
                .map((c) => (
                  <Table.Tr key={c.key} c="dimmed">
                    <Table.Td>{c.code ?? '—'}</Table.Td>
                    <Table.Td td="line-through">{c.title}</Table.Td>
                    <Table.Td>{c.term ?? '—'}</Table.Td>
                    <Table.Td>{c.credits}</Table.Td>
                    <Table.Td>{`${t('la.deleted')}: ${reason(c)}`}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" fw={600} mt="xs">
            {t('la.total', { credits: creditsOf(version.components, group) })}
          </Text>
        </Paper>
      ))}
    </>
  )
}

function Signatures({ version }: { version: Version }) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('la.signatures')}
      </Title>
      <Table>
        <Table.Tbody>
          {(['student', 'sending', 'receiving'] as const).map((party) => {
            const s = version.signatures.find((x) => x.party === party)
            return (
              <Table.Tr key={party}>
                <Table.Th w={220}>{t(`la.parties.${party}`)}</Table.Th>
                <Table.Td>
                  {s ? (
                    `${s.name}, ${s.position} · ${formatDateTime(s.signedAt)}`
                  ) : (
                    <Text c="dimmed" size="sm">
                      {t('la.unsigned')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function Actions({
  actions,
  version,
  busy,
  onSign,
  onReject,
  onNewVersion,
}: {
  actions: NonNullable<View['agreement']>['actions']
  version: Version
  busy: string | null
  onSign: (signer: { name: string; position: string }) => Promise<boolean>
  onReject: (comment: string) => Promise<boolean>
  onNewVersion: () => void
}) {
  const { t } = useTranslation()
  const session = useSession()
  const [name, setName] = useState(session.data?.user?.name ?? '')
  const [position, setPosition] = useState(actions.party === 'student' ? t('la.parties.student') : '')
  const [rejecting, setRejecting] = useState(false)
  const [comment, setComment] = useState('')
  const open = version.status === 'draft' || version.status === 'proposed'
  return (
    <>
      {actions.sign && open ? (
        <Paper withBorder p="md">
          <Stack>
            <Text size="sm">{t(actions.party === 'student' ? 'la.signIntroStudent' : 'la.signIntro')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('la.signerName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextInput label={t('la.signerPosition')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} />
            </SimpleGrid>
            <Group>
              <Button loading={busy === 'sign'} onClick={() => onSign({ name, position })}>
                {t(actions.party === 'student' ? 'la.signAndPropose' : 'la.sign')}
              </Button>
              {actions.reject ? (
                <Button variant="light" color="red" onClick={() => setRejecting(true)}>
                  {t('la.reject')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {actions.newVersion ? (
        <Group>
          <Button variant="light" loading={busy === 'new'} onClick={onNewVersion}>
            {t(version.status === 'rejected' ? 'la.retry' : 'la.propose')}
          </Button>
        </Group>
      ) : null}
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('la.reject')}>
        <Stack>
          <Textarea
            label={t('la.rejectComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Group justify="flex-end">
            <Button
              color="red"
              loading={busy === 'reject'}
              onClick={async () => {
                if (await onReject(comment.trim())) setRejecting(false)
              }}
            >
              {t('la.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
