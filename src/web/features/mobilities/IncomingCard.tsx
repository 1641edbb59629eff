import { Anchor, Button, Group, Loader, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncomingViewDto } from '../../../shared/api/mobilities'
import { COUNTRY_CODES } from '../../../shared/identifiers'
import { ProblemAlert } from '../../components/ProblemAlert'
import { countryName, formatDate } from '../../lib/format'
import { useMobilityCard } from './useMobilityCard'

/** A stay we host, as the API answers it (src/shared/api/mobilities.ts). */
export type IncomingView = IncomingViewDto
type VisaDetails = NonNullable<IncomingView['visaDetails']>

const LETTERS = ['acceptance', 'visa', 'certificate'] as const
const today = () => new Date().toISOString().slice(0, 10)

/** The letters of an incoming student on our letterhead, in the reader's language. */
export function IncomingLetters({ view }: { view: IncomingView }) {
  const { t, i18n } = useTranslation()
  const ready = LETTERS.filter((l) => view.letters[l])
  if (!ready.length) return null
  return (
    <Group gap="md">
      {ready.map((l) => (
        <Anchor key={l} href={`/api/applications/${view.applicationId}/letters/${l}?lang=${i18n.language}`} target="_blank">
          {t(`incoming.letters.${l}`)}
        </Anchor>
      ))}
    </Group>
  )
}

/** An incoming student's letters, the details the visa letter needs, and the end of the stay, on the mobility page. */
export function IncomingCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation()
  const path = `/api/applications/${applicationId}/incoming`
  const { found, send, busy, error } = useMobilityCard<IncomingView>(applicationId, 'incoming', path, { refresh: ['mobility'] })
  const v = found.data
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('incoming.title')}
      </Title>
      <ProblemAlert error={found.error ?? error} />
      {!v ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack gap="sm">
          <IncomingLetters view={v} />
          {v.actions.visaDetails ? (
            <VisaForm
              initial={v.visaDetails}
              busy={busy === 'visa'}
              onSave={(body) => send('visa', `${path}/visa-details`, 'PUT', body, t('incoming.visaSaved'))}
            />
          ) : v.visaDetails ? (
            <Text size="sm" c="dimmed">
              {t('incoming.visaGiven', { country: countryName(v.visaDetails.nationality) })}
            </Text>
          ) : null}
          {v.leftOn && (
            <Text size="sm">
              {t('incoming.leftOn', { date: formatDate(v.leftOn) })} {v.evaluation ? `· ${v.evaluation}` : ''}
            </Text>
          )}
          {v.actions.depart && (
            <DepartureForm
              arrivedOn={v.arrivedOn}
              busy={busy === 'depart'}
              onSave={(body) => send('depart', `${path}/departure`, 'POST', body, t('incoming.departed'))}
            />
          )}
        </Stack>
      )}
    </Paper>
  )
}

function VisaForm({ initial, busy, onSave }: { initial: VisaDetails | null; busy: boolean; onSave: (v: VisaDetails) => void }) {
  const { t, i18n } = useTranslation()
  const [v, setV] = useState<VisaDetails>(
    initial ?? { nationality: '', dateOfBirth: '', passportNumber: '', passportExpiresOn: '' },
  )
  const countries = [...COUNTRY_CODES]
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language))
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('incoming.visaIntro')}
      </Text>
      <Group align="end">
        <Select
          label={t('incoming.nationality')}
          data={countries}
          searchable
          value={v.nationality || null}
          onChange={(c) => setV({ ...v, nationality: c ?? '' })}
          w={240}
        />
        <TextInput
          type="date"
          label={t('incoming.dateOfBirth')}
          value={v.dateOfBirth}
          max={today()}
          onChange={(e) => setV({ ...v, dateOfBirth: e.currentTarget.value })}
        />
        <TextInput
          label={t('incoming.passportNumber')}
          value={v.passportNumber}
          onChange={(e) => setV({ ...v, passportNumber: e.currentTarget.value })}
          w={200}
        />
        <TextInput
          type="date"
          label={t('incoming.passportExpiresOn')}
          value={v.passportExpiresOn}
          min={today()}
          onChange={(e) => setV({ ...v, passportExpiresOn: e.currentTarget.value })}
        />
      </Group>
      <Group>
        <Button variant="light" loading={busy} onClick={() => onSave(v)}>
          {t(initial ? 'incoming.visaUpdate' : 'incoming.visaSave')}
        </Button>
      </Group>
    </Stack>
  )
}

function DepartureForm(props: {
  arrivedOn: string | null
  busy: boolean
  onSave: (body: { leftOn: string; evaluation: string }) => void
}) {
  const { t } = useTranslation()
  const [leftOn, setLeftOn] = useState(today())
  const [evaluation, setEvaluation] = useState('')
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('incoming.endOfStay')}
      </Text>
      <TextInput
        type="date"
        label={t('incoming.lastDay')}
        value={leftOn}
        min={props.arrivedOn ?? undefined}
        max={today()}
        onChange={(e) => setLeftOn(e.currentTarget.value)}
        w={200}
      />
      <Textarea
        label={t('incoming.evaluation')}
        description={t('incoming.evaluationHint')}
        value={evaluation}
        onChange={(e) => setEvaluation(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group>
        <Button loading={props.busy} onClick={() => props.onSave({ leftOn, evaluation })}>
          {t('incoming.confirmEnd')}
        </Button>
      </Group>
    </Stack>
  )
}
