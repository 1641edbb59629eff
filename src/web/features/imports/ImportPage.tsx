import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconUpload } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PreviewDto, UploadDto } from '../../../shared/api/imports'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ButtonLink } from '../../components/RouterLinks'
import { api, uploadFile } from '../../lib/api'
import type { Page } from '../../lib/types'
import type { Call } from '../calls/types'
import { inLanguage } from '../catalog/types'
import { RESULT_TEXT } from '../partners/types'

type Upload = UploadDto
type Preview = PreviewDto

export type ImportKind = 'institutions' | 'opportunities'

/**
 * Upload, choose the sheet, map the columns, see every row's fate, then import all or nothing.
 * Partners and opportunities (with the places of a call) go through the same steps.
 */
export function ImportPage({ kind = 'institutions' }: { kind?: ImportKind }) {
  const { t, i18n } = useTranslation()
  const [callId, setCallId] = useState<string | null>(null)
  const calls = useQuery({
    queryKey: ['calls', 'importable'],
    queryFn: () => api<Page<Call>>('/api/calls?status=draft,published&phase=upcoming,open&pageSize=200'),
    enabled: kind === 'opportunities',
  })
  const queryClient = useQueryClient()
  const [step, setStep] = useState(0)
  const [upload, setUpload] = useState<Upload | null>(null)
  const [sheet, setSheet] = useState<string | null>(null)
  const [mapping, setMapping] = useState<Record<string, number[]>>({})
  const [preview, setPreview] = useState<Preview | null>(null)
  const [result, setResult] = useState<Preview | null>(null)
  const [problem, setProblem] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const current = upload?.sheets.find((s) => s.name === sheet)

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setProblem(null)
    try {
      await work()
    } catch (e) {
      setProblem(e)
    } finally {
      setBusy(false)
    }
  }
  const onFile = (file: File | null) =>
    file &&
    run(async () => {
      const up = await uploadFile<Upload>(`/api/imports/${kind}?name=${encodeURIComponent(file.name)}`, file)
      const first = up.sheets.find((s) => s.rowCount > 0) ?? up.sheets[0]!
      setUpload(up)
      setSheet(first.name)
      setMapping(first.mapping)
      setPreview(null)
      setResult(null)
      setStep(1)
    })
  const body = () => ({ sheet: sheet ?? undefined, mapping, ...(callId ? { callId } : {}) })
  const check = () =>
    run(async () => {
      setPreview(await api<Preview>(`/api/imports/${upload!.id}/preview`, { method: 'POST', body: body() }))
      setStep(2)
    })
  const commit = () =>
    run(async () => {
      const done = await api<Preview>(`/api/imports/${upload!.id}/commit`, { method: 'POST', body: body() })
      setResult(done)
      setStep(3)
      await queryClient.invalidateQueries()
      notifications.show({ color: 'green', message: t('import.done', { creates: done.creates, updates: done.updates }) })
    })
  const columns = (current?.headers ?? []).map((h, i) => ({ value: String(i), label: `${i + 1}. ${h}` }))

  return (
    <Stack maw={1100}>
      <Title order={1}>{t(`import.titles.${kind}`)}</Title>
      <Text c="dimmed">{t(`import.hints.${kind}`)}</Text>
      <ProblemAlert error={problem} />
      <Stepper active={step} onStepClick={(s) => (s < step ? setStep(s) : undefined)}>
        <Stepper.Step label={t('import.stepUpload')}>
          <Card withBorder>
            <Stack align="start">
              <Text size="sm">{t('import.uploadHint')}</Text>
              <FileButton
                onChange={onFile}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              >
                {(props) => (
                  <Button {...props} loading={busy} leftSection={<IconUpload size={16} aria-hidden />}>
                    {t('import.choose')}
                  </Button>
                )}
              </FileButton>
            </Stack>
          </Card>
        </Stepper.Step>
        <Stepper.Step label={t('import.stepMap')}>
          {upload && current ? (
            <Stack>
              <Group align="end">
                <Select
                  label={t('import.sheet')}
                  allowDeselect={false}
                  data={upload.sheets.map((s) => ({
                    value: s.name,
                    label: `${s.name} (${t('import.rows', { count: s.rowCount })})`,
                  }))}
                  value={sheet}
                  onChange={(name) => {
                    const s = upload.sheets.find((x) => x.name === name)!
                    setSheet(s.name)
                    setMapping(s.mapping)
                  }}
                  w={300}
                />
                {kind === 'opportunities' ? (
                  <Select
                    label={t('import.call')}
                    description={t('import.callHint')}
                    placeholder={t('import.noCall')}
                    clearable
                    searchable
                    allowDeselect={false}
                    w={420}
                    value={callId}
                    onChange={setCallId}
                    data={(calls.data?.items ?? []).map((c) => ({
                      value: c.id,
                      label: `${inLanguage(c.title, i18n.language)} (${t(`calls.statuses.${c.status}`)})`,
                    }))}
                  />
                ) : null}
                {current.remembered ? <Badge variant="light">{t('import.remembered')}</Badge> : null}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                {upload.fields.map((field) =>
                  field === 'places' ? (
                    <MultiSelect
                      key={field}
                      label={t(`import.fields.${field}`)}
                      description={t('import.placesHint')}
                      data={columns}
                      value={(mapping[field] ?? []).map(String)}
                      onChange={(v) => setMapping({ ...mapping, [field]: v.map(Number) })}
                      clearable
                    />
                  ) : (
                    <Select
                      key={field}
                      label={t(`import.fields.${field}`)}
                      required={upload.required.includes(field)}
                      placeholder={t('import.notImported')}
                      data={columns}
                      value={mapping[field]?.[0] !== undefined ? String(mapping[field]![0]) : null}
                      onChange={(v) => setMapping({ ...mapping, [field]: v === null ? [] : [Number(v)] })}
                      clearable
                    />
                  ),
                )}
              </SimpleGrid>
              <Text size="sm" fw={500}>
                {t('import.sample')}
              </Text>
              <Table.ScrollContainer minWidth={600}>
                <Table withTableBorder fz="xs" aria-label={t('import.sample')}>
                  <Table.Thead>
                    <Table.Tr>
                      {current.headers.map((h, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat
                        <Table.Th key={i}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {current.sample.map((r, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: sample rows are positional
                      <Table.Tr key={i}>
                        {r.map((c, j) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                          <Table.Td key={j}>{c}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                <Button onClick={check} loading={busy}>
                  {t('import.check')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>
        <Stepper.Step label={t('import.stepPreview')}>
          {preview ? (
            <Stack>
              <Group>
                <Badge color="green" size="lg" variant="light">
                  {t('import.creates', { count: preview.creates })}
                </Badge>
                <Badge color="blue" size="lg" variant="light">
                  {t('import.updates', { count: preview.updates })}
                </Badge>
                <Badge color={preview.errors ? 'red' : 'gray'} size="lg" variant="light">
                  {t('import.errors', { count: preview.errors })}
                </Badge>
              </Group>
              {preview.errors ? (
                <Alert color="red" title={t('import.fixTitle')}>
                  {t('import.fixHint')}
                </Alert>
              ) : null}
              <Table.ScrollContainer minWidth={700}>
                <Table striped aria-label={t('import.stepPreview')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('import.row')}</Table.Th>
                      <Table.Th>{kind === 'institutions' ? t('partners.name') : t('office.host')}</Table.Th>
                      <Table.Th>{t('list.country')}</Table.Th>
                      <Table.Th>{t('import.action')}</Table.Th>
                      <Table.Th>{t('import.fields.places')}</Table.Th>
                      <Table.Th>{t('import.problems')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {[...preview.rows]
                      .sort((a, b) => Number(b.action === 'error') - Number(a.action === 'error') || a.row - b.row)
                      .map((r) => (
                        <Table.Tr key={r.row} data-action={r.action}>
                          <Table.Td>{r.row}</Table.Td>
                          <Table.Td>{r.name || '—'}</Table.Td>
                          <Table.Td>{r.country || '—'}</Table.Td>
                          <Table.Td>
                            <Badge
                              color={r.action === 'error' ? 'red' : r.action === 'update' ? 'blue' : 'green'}
                              variant="light"
                              maw="none"
                              styles={{
                                root: { color: RESULT_TEXT[r.action] },
                                label: { overflow: 'visible' },
                              }}
                            >
                              {t(`import.actions.${r.action}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>{r.places || '—'}</Table.Td>
                          <Table.Td>
                            {r.errors.map((e) => (
                              <Text key={e.field + e.message} size="sm" c="red">
                                {t(`import.fields.${e.field}`)}: {e.message}
                              </Text>
                            ))}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('import.backToMapping')}
                </Button>
                <FileButton onChange={onFile} accept=".csv,.xlsx">
                  {(props) => (
                    <Button variant="default" {...props} leftSection={<IconUpload size={16} aria-hidden />}>
                      {t('import.uploadFixed')}
                    </Button>
                  )}
                </FileButton>
                <Button onClick={commit} loading={busy} disabled={preview.errors > 0}>
                  {t('import.commit', { count: preview.total })}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>
        <Stepper.Completed>
          {result ? (
            <Alert color="green" icon={<IconCheck aria-hidden />} title={t('import.completeTitle')}>
              <Stack gap="xs">
                <Text>{t('import.done', { creates: result.creates, updates: result.updates })}</Text>
                <Group>
                  {kind === 'institutions' ? (
                    <ButtonLink to="/partners" size="xs">
                      {t('import.toPartners')}
                    </ButtonLink>
                  ) : callId ? (
                    <ButtonLink to="/office/calls/$id" params={{ id: callId }} size="xs">
                      {t('import.toCall')}
                    </ButtonLink>
                  ) : (
                    <ButtonLink to="/office/opportunities" size="xs">
                      {t('import.toOpportunities')}
                    </ButtonLink>
                  )}
                  <Button variant="default" size="xs" onClick={() => setStep(0)}>
                    {t('import.another')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  )
}
