import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { CEFR_LEVELS } from '../../../shared/agreements'
import type { ChecklistView as ChecklistViewSchema } from '../../../shared/api/checklist'
import type { ChecklistItem, ItemState } from '../../../shared/checklist'
import { RemoveRowButton } from '../../components/FormRows'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api, uploadFile } from '../../lib/api'
import { COMMON_LANGUAGES, formatDate, formatDateTime, languageName } from '../../lib/format'
import { useAction } from '../../lib/useAction'

// The checklist as the API answers it: inferred from the server's schema (src/shared/api).
export type ChecklistView = z.infer<typeof ChecklistViewSchema>
export type ChecklistEntry = ChecklistView['items'][number]

type Field = { name: string; type: 'text' | 'date' | 'tel' | 'email' | 'language' | 'cefr'; optional?: boolean }

/** What the form asks for each item (immunisations list their doses instead). */
const FIELDS: Record<Exclude<ChecklistItem, 'immunisations'>, Field[]> = {
  insurance: [
    { name: 'provider', type: 'text' },
    { name: 'policyNumber', type: 'text' },
  ],
  bls: [{ name: 'issuer', type: 'text' }],
  acls: [{ name: 'issuer', type: 'text' }],
  background_check: [{ name: 'issuedOn', type: 'date' }],
  visa: [{ name: 'number', type: 'text' }],
  language_certificate: [
    { name: 'language', type: 'language' },
    { name: 'level', type: 'cefr' },
    { name: 'issuer', type: 'text' },
  ],
  emergency_contact: [
    { name: 'name', type: 'text' },
    { name: 'relationship', type: 'text' },
    { name: 'phone', type: 'tel' },
    { name: 'email', type: 'email', optional: true },
  ],
  travel: [
    { name: 'departOn', type: 'date' },
    { name: 'returnOn', type: 'date' },
    { name: 'note', type: 'text', optional: true },
  ],
}

/** Items with a validity date the student gives (required where the item lapses). */
const HAS_EXPIRY = (e: ChecklistEntry) => e.needsProof

const STATE_COLOUR: Record<ItemState, string> = {
  missing: 'gray',
  submitted: 'blue',
  verified: 'green',
  rejected: 'red',
  expired: 'orange',
}

/** The checklist before departure: the student fills each item and uploads its proof; the office verifies. */
export function ChecklistCard({ applicationId, incoming = false }: { applicationId: string; incoming?: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const key = ['checklist', applicationId]
  const base = `/api/applications/${applicationId}/checklist`
  const found = useQuery({ queryKey: key, queryFn: () => api<ChecklistView>(base) })
  const { run, busy, error } = useAction()
  const [open, setOpen] = useState<string | null>(null)
  const settle = async (view: ChecklistView, message: string) => {
    queryClient.setQueryData(key, view)
    await queryClient.invalidateQueries({ queryKey: ['mobility', applicationId] })
    notifications.show({ message, color: 'green' })
  }

  if (found.error) return <ProblemAlert error={found.error} />
  if (!found.data) return <Loader aria-label={t('common.loading')} />
  const c = found.data
  const verified = c.items.filter((i) => i.state === 'verified').length
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t(incoming ? 'checklist.titleIncoming' : 'checklist.title')}
        </Title>
        <Text size="sm" c={c.complete ? 'green' : 'dimmed'}>
          {t('checklist.progress', { verified, total: c.items.length })}
        </Text>
      </Group>
      <Progress value={(verified / c.items.length) * 100} mb="sm" aria-hidden />
      {c.complete && (
        <Alert color="green" mb="sm">
          {t(incoming ? 'checklist.completeIncoming' : 'checklist.complete')}
        </Alert>
      )}
      <ProblemAlert error={error} />
      <Accordion value={open} onChange={setOpen} variant="separated">
        {c.items.map((e) => (
          <Accordion.Item key={e.item} value={e.item}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" pr="sm">
                <Text fw={500}>{t(`checklist.items.${e.item}`)}</Text>
                <Group gap="xs" wrap="nowrap">
                  {e.expiresOn && e.daysToExpiry !== null && e.daysToExpiry >= 0 && e.daysToExpiry <= 30 && (
                    <Badge color="orange" variant="light">
                      {t('checklist.expiresIn', { count: e.daysToExpiry })}
                    </Badge>
                  )}
                  <Badge color={STATE_COLOUR[e.state]}>{t(`checklist.states.${e.state}`)}</Badge>
                </Group>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <ItemPanel
                entry={e}
                view={c}
                busy={busy}
                onSubmit={(details, expiresOn) =>
                  run(`submit-${e.item}`, async () => {
                    const view = await api<ChecklistView>(base, { method: 'PUT', body: { item: e.item, details, expiresOn } })
                    await settle(view, t('checklist.submitted'))
                  })
                }
                onProof={(file) =>
                  run(`proof-${e.item}`, async () => {
                    const view = await uploadFile<ChecklistView>(
                      `${base}/${e.item}/proof?name=${encodeURIComponent(file.name)}`,
                      file,
                    )
                    await settle(view, t('checklist.proofUploaded'))
                  })
                }
                onVerify={() =>
                  run(`verify-${e.item}`, async () => {
                    await settle(
                      await api<ChecklistView>(`${base}/${e.item}/verify`, { method: 'POST' }),
                      t('checklist.verified'),
                    )
                  })
                }
                onReject={(reason) =>
                  run(`reject-${e.item}`, async () => {
                    const view = await api<ChecklistView>(`${base}/${e.item}/reject`, { method: 'POST', body: { reason } })
                    await settle(view, t('checklist.rejected'))
                  })
                }
              />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  )
}

interface PanelProps {
  entry: ChecklistEntry
  view: ChecklistView
  busy: string | null
  onSubmit: (details: Record<string, unknown>, expiresOn: string | null) => void
  onProof: (file: File) => void
  onVerify: () => void
  onReject: (reason: string) => void
}

function ItemPanel({ entry: e, view, busy, onSubmit, onProof, onVerify, onReject }: PanelProps) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  return (
    <Stack gap="sm">
      {e.rejection && e.state === 'rejected' && (
        <Alert color="red" title={t('checklist.rejectedBecause')}>
          {e.rejection}
        </Alert>
      )}
      {e.coversStay === false && (
        <Alert color="orange">{t('checklist.notCoveringStay', { date: formatDate(view.stayEnd) })}</Alert>
      )}
      {e.needsProof && (
        <Group gap="sm">
          <Text size="sm" fw={500}>
            {t('checklist.proof')}:
          </Text>
          {e.proof ? (
            <Anchor href={`/api/documents/${e.proof.id}`} target="_blank" size="sm">
              {e.proof.fileName}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('checklist.noProof')}
            </Text>
          )}
          {view.editable && !view.verifier && (
            <FileButton onChange={(f) => f && onProof(f)} accept="application/pdf,image/png,image/jpeg,.docx">
              {(props) => (
                <Button {...props} size="compact-sm" variant="light" loading={busy === `proof-${e.item}`}>
                  {t(e.proof ? 'checklist.replaceProof' : 'checklist.uploadProof', { item: t(`checklist.items.${e.item}`) })}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      )}
      {view.editable && !view.verifier ? (
        <ItemForm entry={e} busy={busy === `submit-${e.item}`} onSubmit={onSubmit} />
      ) : (
        <ItemDetails entry={e} />
      )}
      {e.verifiedAt && (
        <Text size="sm" c="dimmed">
          {t('checklist.verifiedBy', { name: e.verifiedBy ?? '', date: formatDateTime(e.verifiedAt) })}
        </Text>
      )}
      {view.verifier && view.editable && (e.state === 'submitted' || e.state === 'verified') && (
        <Stack gap="xs">
          {e.state === 'submitted' && (
            <Group>
              <Button size="sm" color="green" loading={busy === `verify-${e.item}`} onClick={onVerify}>
                {t('checklist.verify', { item: t(`checklist.items.${e.item}`) })}
              </Button>
            </Group>
          )}
          <Group align="end">
            <Textarea
              label={t('checklist.rejectReason', { item: t(`checklist.items.${e.item}`) })}
              value={reason}
              onChange={(ev) => setReason(ev.currentTarget.value)}
              autosize
              minRows={1}
              style={{ flex: 1 }}
            />
            <Button variant="light" color="red" loading={busy === `reject-${e.item}`} onClick={() => onReject(reason)}>
              {t('checklist.reject')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  )
}

/** The item as submitted, read-only. */
function ItemDetails({ entry: e }: { entry: ChecklistEntry }) {
  const { t } = useTranslation()
  if (!e.details) return <Text c="dimmed">{t('checklist.notSubmitted')}</Text>
  const d = e.details
  const rows: [string, string][] =
    e.item === 'immunisations'
      ? (d.doses as { vaccine: string; date: string }[]).map((x) => [x.vaccine, formatDate(x.date)])
      : FIELDS[e.item].flatMap((f) => {
          const v = d[f.name]
          if (v === null || v === undefined || v === '') return []
          const shown = f.type === 'date' ? formatDate(String(v)) : f.type === 'language' ? languageName(String(v)) : String(v)
          return [[t(`checklist.fields.${f.name}`), shown]]
        })
  if (e.expiresOn) rows.push([t('checklist.fields.expiresOn'), formatDate(e.expiresOn)])
  return (
    <Stack gap={2}>
      {rows.map(([label, value]) => (
        <Text key={label} size="sm">
          <Text span c="dimmed" size="sm">
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  )
}

function ItemForm({
  entry: e,
  busy,
  onSubmit,
}: {
  entry: ChecklistEntry
  busy: boolean
  onSubmit: (details: Record<string, unknown>, expiresOn: string | null) => void
}) {
  const { t } = useTranslation()
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(e.details ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : ''])),
  )
  const [doses, setDoses] = useState<{ vaccine: string; date: string }[]>(
    () => (e.details?.doses as { vaccine: string; date: string }[] | undefined) ?? [{ vaccine: '', date: '' }],
  )
  const [expiresOn, setExpiresOn] = useState(e.expiresOn ?? '')
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }))
  const itemName = t(`checklist.items.${e.item}`)
  const submit = () => {
    const details =
      e.item === 'immunisations'
        ? { doses }
        : Object.fromEntries(FIELDS[e.item].map((f) => [f.name, f.optional ? values[f.name] || null : (values[f.name] ?? '')]))
    onSubmit(details, HAS_EXPIRY(e) ? expiresOn || null : null)
  }
  return (
    <Stack gap="xs">
      {e.item === 'immunisations' ? (
        <Stack gap="xs">
          {doses.map((dose, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id
            <Group key={i} align="end" wrap="nowrap">
              <TextInput
                label={t('checklist.fields.vaccine')}
                value={dose.vaccine}
                onChange={(ev) => {
                  const vaccine = ev.currentTarget.value
                  setDoses((ds) => ds.map((x, j) => (j === i ? { ...x, vaccine } : x)))
                }}
                style={{ flex: 1 }}
              />
              <TextInput
                type="date"
                label={t('checklist.fields.doseDate')}
                value={dose.date}
                onChange={(ev) => {
                  const date = ev.currentTarget.value
                  setDoses((ds) => ds.map((x, j) => (j === i ? { ...x, date } : x)))
                }}
              />
              <RemoveRowButton
                label={t('checklist.removeDose', { n: i + 1 })}
                onClick={() => setDoses((ds) => ds.filter((_, j) => j !== i))}
              />
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setDoses((ds) => [...ds, { vaccine: '', date: '' }])}>
              {t('checklist.addDose')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group align="end">
          {FIELDS[e.item].map((f) => {
            const label = `${t(`checklist.fields.${f.name}`)}${f.optional ? ` (${t('checklist.optional')})` : ''}`
            const common = { label, value: values[f.name] ?? '' }
            if (f.type === 'language' || f.type === 'cefr')
              return (
                <Select
                  key={f.name}
                  {...common}
                  searchable
                  allowDeselect={false}
                  w={f.type === 'cefr' ? 100 : 200}
                  data={
                    f.type === 'cefr'
                      ? [...CEFR_LEVELS]
                      : COMMON_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))
                  }
                  onChange={(v) => set(f.name, v ?? '')}
                />
              )
            return (
              <TextInput
                key={f.name}
                {...common}
                type={f.type}
                onChange={(ev) => set(f.name, ev.currentTarget.value)}
                style={f.type === 'date' ? undefined : { flex: 1, minWidth: 180 }}
              />
            )
          })}
        </Group>
      )}
      <Group align="end">
        {HAS_EXPIRY(e) && (
          <TextInput
            type="date"
            label={`${t('checklist.fields.expiresOn')}${e.expiring ? '' : ` (${t('checklist.optional')})`}`}
            value={expiresOn}
            onChange={(ev) => setExpiresOn(ev.currentTarget.value)}
          />
        )}
        <Button loading={busy} onClick={submit}>
          {t('checklist.submit', { item: itemName })}
        </Button>
      </Group>
    </Stack>
  )
}
