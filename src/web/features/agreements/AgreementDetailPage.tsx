import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconFileTypePdf, IconPencil, IconRefresh, IconUpload } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FILE_KINDS, FILE_MAX_BYTES, ISCED_FIELDS } from '../../../shared/agreements'
import { LANGUAGES } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { ApiProblem, api, uploadFile } from '../../lib/api'
import { countryName, formatDate, formatDateTime } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { AgreementDetail } from '../partners/types'
import { RenewModal, SignatoriesModal, TerminateModal } from './AgreementDialogs'
import { StatusBadge } from './AgreementsTable'
import { AgreementTimeline } from './AgreementTimeline'

export function AgreementDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const user = useUser()
  const queryClient = useQueryClient()
  const office = ['admin', 'officer', 'coordinator'].includes(user.role)
  const canWrite = user.role === 'admin' || user.role === 'officer'
  const agreement = useQuery({ queryKey: ['agreement', id], queryFn: () => api<AgreementDetail>(`/api/agreements/${id}`) })
  const [problem, setProblem] = useState<unknown>(null)
  const [terminating, setTerminating] = useState(false)
  const [renewing, setRenewing] = useState(false)
  const [signing, setSigning] = useState(false)
  const [fileKind, setFileKind] = useState<string>('signed_copy')
  const [uploading, setUploading] = useState(false)
  if (!agreement.data) return <ProblemAlert error={agreement.error} />
  const a = agreement.data
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['agreement', id] })
    await queryClient.invalidateQueries({ queryKey: ['agreements'] })
    await queryClient.invalidateQueries({ queryKey: ['timeline', id] })
  }
  const step = async (action: string, reason?: string) => {
    setProblem(null)
    try {
      await api(`/api/agreements/${id}/transitions`, { method: 'POST', body: { action, ...(reason ? { reason } : {}) } })
      notifications.show({ color: 'green', message: t(`agreements.done.${action}`) })
      await refresh()
    } catch (e) {
      setProblem(e)
      throw e
    }
  }
  const upload = async (file: File | null) => {
    if (!file) return
    setProblem(null)
    if (file.size > FILE_MAX_BYTES)
      return setProblem(new ApiProblem({ type: 'client', title: '', status: 413, detail: t('agreements.tooLarge') }))
    setUploading(true)
    try {
      await uploadFile(`/api/agreements/${id}/files?kind=${fileKind}&name=${encodeURIComponent(file.name)}`, file)
      notifications.show({ color: 'green', message: t('agreements.uploaded', { name: file.name }) })
      await refresh()
    } catch (e) {
      setProblem(e)
    } finally {
      setUploading(false)
    }
  }
  const nameOf = (institutionId: string) => a.parties.find((p) => p.institutionId === institutionId)?.name ?? '—'
  const unitOf = (unitId: string | null) => (unitId ? a.parties.find((p) => p.orgUnitId === unitId)?.orgUnitName : null)
  const steps = a.actions.filter((x) => x.action !== 'terminate' && x.action !== 'renew')
  const terminate = a.actions.find((x) => x.action === 'terminate')
  const renew = a.actions.find((x) => x.action === 'renew')

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Group gap="xs">
            <Text ff="monospace" c="dimmed">
              {a.reference}
            </Text>
            <StatusBadge status={a.status} />
          </Group>
          <Title order={1}>{a.title}</Title>
          <Text c="dimmed">{t(`agreementKinds.${a.kind}`)}</Text>
        </div>
        <Group gap="xs">
          <Menu>
            <Menu.Target>
              <Button variant="default" leftSection={<IconFileTypePdf size={16} aria-hidden />}>
                {t('agreements.pdf')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {LANGUAGES.map((l) => (
                <Menu.Item key={l} component="a" href={`/api/agreements/${id}/pdf?lang=${l}`} target="_blank">
                  {new Intl.DisplayNames([i18n.language], { type: 'language' }).of(l)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          {canWrite ? (
            <ButtonLink
              to="/agreements/$id/edit"
              params={{ id }}
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('agreements.edit')}
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      {canWrite && a.actions.length ? (
        <Card withBorder>
          <Group gap="xs">
            {steps.map((s) => (
              <Tooltip key={s.action} label={s.reason} disabled={s.allowed} multiline w={280}>
                <span>
                  <Button
                    disabled={!s.allowed}
                    onClick={() => step(s.action).catch(() => undefined)}
                    aria-describedby={s.allowed ? undefined : `why-${s.action}`}
                  >
                    {t(`agreements.actions.${s.action}`)}
                  </Button>
                </span>
              </Tooltip>
            ))}
            {renew ? (
              <Tooltip label={renew.reason} disabled={renew.allowed}>
                <span>
                  <Button
                    variant="light"
                    disabled={!renew.allowed}
                    leftSection={<IconRefresh size={16} aria-hidden />}
                    onClick={() => setRenewing(true)}
                  >
                    {t('agreements.actions.renew')}
                  </Button>
                </span>
              </Tooltip>
            ) : null}
            {terminate ? (
              <Button variant="light" color="red" onClick={() => setTerminating(true)}>
                {t('agreements.actions.terminate')}
              </Button>
            ) : null}
          </Group>
          {steps
            .filter((s) => !s.allowed)
            .map((s) => (
              <Text key={s.action} id={`why-${s.action}`} size="sm" c="dimmed" mt="xs">
                {t(`agreements.actions.${s.action}`)}: {s.reason}
              </Text>
            ))}
        </Card>
      ) : null}
      <ProblemAlert error={problem} />
      {a.terminationReason ? (
        <Alert color="red" title={t('agreements.terminatedBecause')}>
          {a.terminationReason}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('agreements.parties')}
          </Title>
          <Stack gap={4}>
            {a.parties.map((p) => (
              <Text key={p.institutionId}>
                <AnchorLink to="/partners/$id" params={{ id: p.institutionId }}>
                  {p.name}
                </AnchorLink>
                {p.orgUnitName ? ` — ${p.orgUnitName}` : ''}{' '}
                <Text span c="dimmed" size="sm">
                  ({countryName(p.country)})
                </Text>
              </Text>
            ))}
          </Stack>
        </Card>
        <Card withBorder>
          <Table variant="vertical" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={170}>{t('agreements.valid')}</Table.Th>
                <Table.Td>
                  {formatDate(a.startDate)} – {formatDate(a.endDate)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agreements.responsible')}</Table.Th>
                <Table.Td>{a.responsible?.name ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agreements.statusSince')}</Table.Th>
                <Table.Td>{formatDateTime(a.statusChangedAt)}</Table.Td>
              </Table.Tr>
              {a.predecessor ? (
                <Table.Tr>
                  <Table.Th>{t('agreements.renewsOf')}</Table.Th>
                  <Table.Td>
                    <AnchorLink to="/agreements/$id" params={{ id: a.predecessor.id }}>
                      {a.predecessor.reference}
                    </AnchorLink>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {a.successor ? (
                <Table.Tr>
                  <Table.Th>{t('agreements.renewedAs')}</Table.Th>
                  <Table.Td>
                    <AnchorLink to="/agreements/$id" params={{ id: a.successor.id }}>
                      {a.successor.reference}
                    </AnchorLink>{' '}
                    <StatusBadge status={a.successor.status} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
          {a.notes ? (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {a.notes}
            </Text>
          ) : null}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('agreements.conditions')}
        </Title>
        {a.conditions.length === 0 ? <Text c="dimmed">{t('agreements.noConditions')}</Text> : null}
        <Table.ScrollContainer minWidth={900}>
          {a.conditions.length ? (
            <Table aria-label={t('agreements.conditions')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreements.mobilityType')}</Table.Th>
                  <Table.Th>
                    {t('agreements.sending')} → {t('agreements.receiving')}
                  </Table.Th>
                  <Table.Th>{t('agreements.years')}</Table.Th>
                  <Table.Th>{t('agreements.volume')}</Table.Th>
                  <Table.Th>{t('agreements.subjectAreas')}</Table.Th>
                  <Table.Th>{t('agreements.eqf')}</Table.Th>
                  <Table.Th>{t('agreements.languageSkills')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.conditions.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {t(`mobilityTypes.${c.mobilityType}`)}
                      {c.blended ? (
                        <Badge ml={4} size="xs" variant="light">
                          {t('agreements.blendedShort')}
                        </Badge>
                      ) : null}
                      {c.otherTerms ? (
                        <Text size="xs" c="dimmed">
                          {c.otherTerms}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {[nameOf(c.sendingInstitutionId), unitOf(c.sendingUnitId)].filter(Boolean).join(' — ')} →{' '}
                      {[nameOf(c.receivingInstitutionId), unitOf(c.receivingUnitId)].filter(Boolean).join(' — ')}
                    </Table.Td>
                    <Table.Td>
                      {c.academicYearFrom} – {c.academicYearTo}
                    </Table.Td>
                    <Table.Td>
                      {c.mobilitiesPerYear ?? '—'} / {t('agreements.perYear')}
                      <Text size="xs" c="dimmed">
                        {c.totalMonthsPerYear !== null ? t('agreements.months', { n: c.totalMonthsPerYear }) : null}
                        {c.totalDaysPerYear !== null ? t('agreements.daysN', { n: c.totalDaysPerYear }) : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {c.subjectAreas.map((s) => (
                        <div key={s.isced}>
                          {s.isced} {s.clarification ?? ISCED_FIELDS[s.isced] ?? ''}
                        </div>
                      ))}
                    </Table.Td>
                    <Table.Td>{c.eqfLevels.join(', ') || '—'}</Table.Td>
                    <Table.Td>{c.languageSkills.map((l) => `${l.language.toUpperCase()} ${l.cefr}`).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Table.ScrollContainer>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('agreements.signatories')}
            </Title>
            {canWrite && ['draft', 'negotiation', 'signed'].includes(a.status) ? (
              <Button size="xs" variant="light" onClick={() => setSigning(true)}>
                {t('agreements.editSignatories')}
              </Button>
            ) : null}
          </Group>
          {a.signatories.length === 0 ? <Text c="dimmed">{t('agreements.noSignatories')}</Text> : null}
          {a.signatories.map((s) => (
            <Text key={s.id} size="sm">
              <b>{s.name}</b>
              {s.position ? `, ${s.position}` : ''} — {nameOf(s.institutionId)} — {formatDate(s.signedOn)}
            </Text>
          ))}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('agreements.files')}
          </Title>
          {a.files.length === 0 ? <Text c="dimmed">{t('agreements.noFiles')}</Text> : null}
          <Stack gap={4}>
            {a.files.map((f) => (
              <Group key={f.id} gap="xs" wrap="nowrap">
                <ActionIcon
                  component="a"
                  href={`/api/agreements/${id}/files/${f.id}`}
                  variant="subtle"
                  aria-label={t('agreements.download', { name: f.fileName })}
                >
                  <IconDownload size={16} aria-hidden />
                </ActionIcon>
                <Text size="sm">
                  {f.fileName}{' '}
                  <Text span c="dimmed" size="xs">
                    v{f.version} · {t(`fileKinds.${f.kind}`)} · {Math.ceil(f.size / 1024)} KB · {formatDateTime(f.uploadedAt)}
                    {f.uploadedBy ? ` · ${f.uploadedBy}` : ''}
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
          {canWrite ? (
            <Group mt="sm" align="end">
              <Select
                label={t('agreements.fileKind')}
                w={200}
                allowDeselect={false}
                data={FILE_KINDS.map((k) => ({ value: k, label: t(`fileKinds.${k}`) }))}
                value={fileKind}
                onChange={(v) => setFileKind(v ?? 'signed_copy')}
              />
              <FileButton onChange={upload} accept="application/pdf,image/png,image/jpeg,.docx">
                {(props) => (
                  <Button {...props} loading={uploading} leftSection={<IconUpload size={16} aria-hidden />}>
                    {t('agreements.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
          ) : null}
          {canWrite ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t('agreements.uploadHint')}
            </Text>
          ) : null}
        </Card>
      </SimpleGrid>
      {office ? <AgreementTimeline id={id} /> : null}
      {terminating ? (
        <TerminateModal onClose={() => setTerminating(false)} onDone={(reason) => step('terminate', reason)} />
      ) : null}
      {renewing ? <RenewModal agreement={a} onClose={() => setRenewing(false)} /> : null}
      {signing ? <SignatoriesModal agreement={a} onClose={() => setSigning(false)} onSaved={refresh} /> : null}
    </Stack>
  )
}
