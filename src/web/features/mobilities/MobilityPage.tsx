import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MOBILITY_STATUSES, type RecognitionEntry, type TranscriptResult } from '../../../shared/mobilities'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ButtonLink } from '../../components/RouterLinks'
import { uploadFile } from '../../lib/api'
import { formatDate, formatDateTime } from '../../lib/format'
import { inLanguage } from '../catalog/types'
import { ArrivalForm } from './ArrivalForm'
import { ChecklistCard } from './ChecklistCard'
import { IncidentsCard } from './IncidentsCard'
import { IncomingCard } from './IncomingCard'
import type { MobilityView } from './mobility.types'
import { StaffProgrammeCard } from './StaffProgrammeCard'
import { SurveyCard } from './SurveyCard'
import { useMobilityCard } from './useMobilityCard'
import { VisitEndCard } from './VisitEndCard'

const today = () => new Date().toISOString().slice(0, 10)
const total = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10

/** One mobility from the arrival to the credits recognised, for the student, the office and the host; what each may do comes from the server. */
export function MobilityPage({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation()
  const base = `/api/applications/${applicationId}/mobility`
  // The cards beside it change with the mobility's state (a programme is fixed once the visit begins).
  const card = useMobilityCard<MobilityView>(applicationId, 'mobility', base, {
    refresh: ['staff-programme', 'incoming', 'survey'],
  })
  const { found, run, busy, error } = card
  const send = (step: string, path: string, method: 'POST' | 'PUT', body: unknown, done: string) =>
    card.send(step, `${base}${path}`, method, body, done)

  if (found.error) return <ProblemAlert error={found.error} />
  if (!found.data) return <Loader aria-label={t('common.loading')} />
  const m = found.data
  // An incoming student's stay ends with our certificate; their home institution recognises the credits.
  // So does a staff visit of ours abroad, with the host's certificate: there are no credits.
  const statuses: readonly MobilityView['status'][] =
    m.incoming || m.staffOut ? MOBILITY_STATUSES.filter((s) => s !== 'recognised') : MOBILITY_STATUSES
  const step = statuses.indexOf(m.status) + (m.status === statuses.at(-1) ? 1 : 0)
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('mobility.title')}</Title>
      <Text c="dimmed" size="sm">
        {m.student} · {m.host} · {inLanguage(m.opportunityTitle, i18n.language)}
        {m.plannedStart ? ` · ${m.plannedStart} – ${m.plannedEnd}` : ''}
      </Text>
      <Stepper active={step} size="sm" aria-label={t('mobility.progress')}>
        {statuses.map((s) => (
          <Stepper.Step
            key={s}
            label={t(
              m.incoming ? `mobility.incomingStatuses.${s}` : m.staffOut ? `visitEnd.statuses.${s}` : `mobility.statuses.${s}`,
            )}
          />
        ))}
      </Stepper>
      <ProblemAlert error={error} />

      {m.incoming && m.seesChecklist && <IncomingCard applicationId={applicationId} />}
      {m.staff && <StaffProgrammeCard applicationId={applicationId} />}
      {m.seesChecklist && <ChecklistCard applicationId={applicationId} incoming={m.incoming} />}

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('mobility.arrival')}
        </Title>
        {m.arrivedOn ? (
          <Text>
            {t('mobility.arrivedOn', { date: formatDate(m.arrivedOn) })}
            {m.leftOn ? ` · ${t('mobility.leftOn', { date: formatDate(m.leftOn) })}` : ''}
          </Text>
        ) : m.actions.arrive ? (
          <ArrivalForm
            busy={busy === 'arrive'}
            onConfirm={(arrivedOn) => send('arrive', '/arrival', 'POST', { arrivedOn }, t('mobility.arrivalConfirmed'))}
          />
        ) : (
          <Text c="dimmed">
            {m.status === 'preparing' && !m.checklistComplete
              ? t('mobility.checklistFirst')
              : m.programmeGap
                ? t('staff.programmeFirst')
                : t('mobility.notArrived')}
          </Text>
        )}
      </Paper>

      {m.seesIncidents && m.status !== 'preparing' && <IncidentsCard applicationId={applicationId} />}

      {m.staffOut && (
        <VisitEndCard
          view={m}
          busy={busy}
          onUpload={(file) =>
            run('upload', async () => {
              await uploadFile(`${base}/certificate-document?name=${encodeURIComponent(file.name)}`, file)
              await found.refetch()
            })
          }
          onEnd={(leftOn) => send('visit-end', '/visit-end', 'POST', { leftOn }, t('visitEnd.recorded'))}
        />
      )}

      {!m.staffOut && (!m.incoming || m.hasApprovedAgreement) && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('mobility.transcript')}
            </Title>
            {m.transcriptDocument && (
              <Anchor href={`/api/documents/${m.transcriptDocument.id}`} target="_blank">
                {m.transcriptDocument.fileName}
              </Anchor>
            )}
          </Group>
          {!m.hasApprovedAgreement && (
            <Alert mb="sm">
              {t('mobility.needsAgreement')}{' '}
              <ButtonLink to="/learning-agreements/$applicationId" params={{ applicationId }} variant="subtle" size="compact-sm">
                {t('la.link')}
              </ButtonLink>
            </Alert>
          )}
          {m.actions.transcript ? (
            <TranscriptForm
              view={m}
              busy={busy === 'transcript'}
              onSave={(body) => send('transcript', '/transcript', 'PUT', body, t('mobility.transcriptSaved'))}
              onUpload={(file) =>
                run('upload', async () => {
                  await uploadFile(`${base}/transcript-document?name=${encodeURIComponent(file.name)}`, file)
                  await found.refetch()
                })
              }
            />
          ) : m.transcriptAt ? (
            <ResultsTable view={m} />
          ) : (
            <Text c="dimmed">{t('mobility.noTranscript')}</Text>
          )}
          {m.transcriptAt && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('mobility.transcriptAt', { date: formatDateTime(m.transcriptAt) })}
            </Text>
          )}
        </Paper>
      )}

      {!m.incoming && !m.staffOut && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('mobility.recognition')}
          </Title>
          {m.actions.recognise ? (
            <RecognitionForm
              view={m}
              busy={busy === 'recognise'}
              onSave={(recognition) => send('recognise', '/recognition', 'PUT', { recognition }, t('mobility.recognitionSaved'))}
            />
          ) : m.recognisedAt ? (
            <RecognitionTable view={m} />
          ) : (
            <Text c="dimmed">{t('mobility.notRecognised')}</Text>
          )}
          {m.recognisedAt && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('mobility.recognisedAt', { date: formatDateTime(m.recognisedAt) })}
            </Text>
          )}
        </Paper>
      )}

      {m.seesSurvey && <SurveyCard applicationId={applicationId} opportunityId={m.opportunityId} />}
    </Stack>
  )
}

function TranscriptForm({
  view,
  busy,
  onSave,
  onUpload,
}: {
  view: MobilityView
  busy: boolean
  onSave: (body: { leftOn: string; results: TranscriptResult[] }) => void
  onUpload: (file: File) => void
}) {
  const { t } = useTranslation()
  const [leftOn, setLeftOn] = useState(view.leftOn ?? today())
  const [results, setResults] = useState<TranscriptResult[]>(
    view.studied.map((c) => c.result ?? { key: c.key, grade: '', credits: c.credits, passed: true }),
  )
  const change = (i: number, patch: Partial<TranscriptResult>) =>
    setResults((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <Stack>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('la.componentTitle')}</Table.Th>
            <Table.Th>{t('mobility.planned')}</Table.Th>
            <Table.Th>{t('mobility.grade')}</Table.Th>
            <Table.Th>{t('mobility.passed')}</Table.Th>
            <Table.Th>{t('mobility.creditsObtained')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.studied.map((c, i) => (
            <Table.Tr key={c.key}>
              <Table.Td>{componentName(c)}</Table.Td>
              <Table.Td>{c.credits}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('mobility.gradeOf', { title: c.title })}
                  value={results[i]!.grade}
                  onChange={(e) => change(i, { grade: e.currentTarget.value })}
                  w={110}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={t('mobility.passedOf', { title: c.title })}
                  checked={results[i]!.passed}
                  onChange={(e) =>
                    change(i, { passed: e.currentTarget.checked, credits: e.currentTarget.checked ? c.credits : 0 })
                  }
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('mobility.creditsOf', { title: c.title })}
                  value={results[i]!.credits}
                  onChange={(v) => change(i, { credits: Number(v) || 0 })}
                  min={0}
                  step={0.5}
                  decimalScale={1}
                  w={100}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('mobility.totalObtained', { credits: total(results.map((r) => r.credits)) })}</Text>
      <Group align="end">
        <TextInput
          type="date"
          label={t('mobility.leftOnLabel')}
          value={leftOn}
          onChange={(e) => setLeftOn(e.currentTarget.value)}
        />
        <Button loading={busy} onClick={() => onSave({ leftOn, results })}>
          {t('mobility.saveTranscript')}
        </Button>
        <FileButton onChange={(f) => f && onUpload(f)} accept="application/pdf,image/png,image/jpeg">
          {(props) => (
            <Button variant="light" {...props}>
              {view.transcriptDocument ? t('mobility.replaceDocument') : t('mobility.uploadDocument')}
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  )
}

function ResultsTable({ view }: { view: MobilityView }) {
  const { t } = useTranslation()
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('la.componentTitle')}</Table.Th>
          <Table.Th>{t('mobility.planned')}</Table.Th>
          <Table.Th>{t('mobility.grade')}</Table.Th>
          <Table.Th>{t('mobility.creditsObtained')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {view.studied.map((c) => (
          <Table.Tr key={c.key}>
            <Table.Td>{componentName(c)}</Table.Td>
            <Table.Td>{c.credits}</Table.Td>
            <Table.Td>{c.result ? `${c.result.grade}${c.result.passed ? '' : ` · ${t('mobility.failed')}`}` : '—'}</Table.Td>
            <Table.Td>{c.result?.credits ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function RecognitionForm({
  view,
  busy,
  onSave,
}: {
  view: MobilityView
  busy: boolean
  onSave: (entries: RecognitionEntry[]) => void
}) {
  const { t } = useTranslation()
  const [entries, setEntries] = useState<RecognitionEntry[]>(
    view.recognised.map((c) => c.recognition ?? { key: c.key, recognised: true, credits: c.credits, grade: null, note: null }),
  )
  const change = (i: number, patch: Partial<RecognitionEntry>) =>
    setEntries((es) => es.map((e, j) => (j === i ? { ...e, ...patch } : e)))
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('mobility.recognitionIntro', {
          obtained: total(view.studied.map((c) => c.result?.credits ?? 0)),
          planned: total(view.studied.map((c) => c.credits)),
        })}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('la.componentTitle')}</Table.Th>
            <Table.Th>{t('mobility.planned')}</Table.Th>
            <Table.Th>{t('mobility.recognisedQ')}</Table.Th>
            <Table.Th>{t('mobility.creditsRecognised')}</Table.Th>
            <Table.Th>{t('mobility.grade')}</Table.Th>
            <Table.Th>{t('mobility.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.recognised.map((c, i) => (
            <Table.Tr key={c.key}>
              <Table.Td>{componentName(c)}</Table.Td>
              <Table.Td>{c.credits}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={t('mobility.recognisedOf', { title: c.title })}
                  checked={entries[i]!.recognised}
                  onChange={(e) =>
                    change(i, { recognised: e.currentTarget.checked, credits: e.currentTarget.checked ? c.credits : 0 })
                  }
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('mobility.creditsRecognisedOf', { title: c.title })}
                  value={entries[i]!.credits}
                  onChange={(v) => change(i, { credits: Number(v) || 0 })}
                  min={0}
                  max={c.credits}
                  step={0.5}
                  decimalScale={1}
                  w={100}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('mobility.gradeOf', { title: c.title })}
                  value={entries[i]!.grade ?? ''}
                  onChange={(e) => change(i, { grade: e.currentTarget.value || null })}
                  w={90}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('mobility.noteOf', { title: c.title })}
                  value={entries[i]!.note ?? ''}
                  onChange={(e) => change(i, { note: e.currentTarget.value || null })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button loading={busy} onClick={() => onSave(entries)}>
          {t('mobility.recognise')}
        </Button>
      </Group>
    </Stack>
  )
}

function RecognitionTable({ view }: { view: MobilityView }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('la.componentTitle')}</Table.Th>
            <Table.Th>{t('mobility.planned')}</Table.Th>
            <Table.Th>{t('mobility.creditsRecognised')}</Table.Th>
            <Table.Th>{t('mobility.grade')}</Table.Th>
            <Table.Th>{t('mobility.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.recognised.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td>{componentName(c)}</Table.Td>
              <Table.Td>{c.credits}</Table.Td>
              <Table.Td>{c.recognition?.recognised ? c.recognition.credits : t('mobility.notRecognisedShort')}</Table.Td>
              <Table.Td>{c.recognition?.grade ?? '—'}</Table.Td>
              <Table.Td>{c.recognition?.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600}>
        {t('mobility.totalRecognised', {
          credits: total(view.recognised.map((c) => c.recognition?.credits ?? 0)),
          planned: total(view.recognised.map((c) => c.credits)),
        })}
      </Text>
    </Stack>
  )
}

/** A component as the learning agreement names it: its title, and its code when it has one. */
function componentName(c: { title: string; code: string | null }) {
  return c.code ? `${c.title} (${c.code})` : c.title
}
