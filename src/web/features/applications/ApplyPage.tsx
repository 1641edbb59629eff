import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CEFR_LEVELS } from '../../../shared/agreements'
import { AddRowButton, RemoveRowButton } from '../../components/FormRows'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ButtonLink } from '../../components/RouterLinks'
import { ApiProblem, api } from '../../lib/api'
import { COMMON_LANGUAGES, countryName, languageName } from '../../lib/format'
import { type Call, inZone } from '../calls/types'
import { inLanguage } from '../catalog/types'
import { ApplicationDocuments } from './ApplicationDocuments'
import { UnmetList } from './Explain'
import type { Application, Profile } from './types'

/** Languages offered in the profile's list; any ISO 639-1 code the server knows is accepted. */

interface Values {
  studentNumber: string
  yearOfStudy: number | string
  programme: string
  gradeAverage: number | string
  languages: { language: string | null; level: string | null }[]
  choices: string[]
  motivation: string
}

function initial(profile: Profile, application: Application | undefined): Values {
  const p = application?.profile ?? profile
  return {
    studentNumber: p.studentNumber ?? '',
    yearOfStudy: p.yearOfStudy ?? '',
    programme: p.programme ?? '',
    gradeAverage: p.gradeAverage ?? '',
    languages: Object.entries(p.languages).map(([language, level]) => ({ language, level })),
    choices: application?.choices.map((c) => c.opportunityId) ?? [],
    motivation: application?.motivation ?? '',
  }
}

function toBody(v: Values) {
  const text = (s: string) => (s.trim() === '' ? null : s.trim())
  return {
    profile: {
      studentNumber: text(v.studentNumber),
      yearOfStudy: v.yearOfStudy === '' ? null : Number(v.yearOfStudy),
      programme: text(v.programme),
      gradeAverage: v.gradeAverage === '' ? null : Number(v.gradeAverage),
      languages: Object.fromEntries(v.languages.filter((l) => l.language && l.level).map((l) => [l.language, l.level])),
    },
    choices: v.choices,
    motivation: v.motivation,
  }
}

/** A student's application in an open call: profile, ranked choices, motivation, documents, submission. */
export function ApplyPage({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation()
  const call = useQuery({ queryKey: ['public-call', callId], queryFn: () => api<Call>(`/api/public/calls/${callId}`) })
  const mine = useQuery({ queryKey: ['my-applications'], queryFn: () => api<{ items: Application[] }>('/api/me/applications') })
  const profile = useQuery({ queryKey: ['my-profile'], queryFn: () => api<Profile>('/api/me/profile') })
  const error = call.error ?? mine.error ?? profile.error
  if (error) return <ProblemAlert error={error} />
  if (!call.data || !mine.data || !profile.data) return <Loader aria-label={t('common.loading')} />
  const application = mine.data.items.find((a) => a.call.id === callId)
  const c = call.data
  return (
    <Stack maw={900}>
      <div>
        <Text size="sm" c="dimmed">
          {t('applications.applyTo')}
        </Text>
        <Title order={1}>{inLanguage(c.title, i18n.language)}</Title>
        <Text size="sm">{t('calls.closesOn', { when: inZone(c.closesAt, c.timeZone) })}</Text>
      </div>
      {application && application.status !== 'draft' ? (
        <Alert color="blue" title={t(`applications.statuses.${application.status}`)}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('applications.alreadySubmitted')}</Text>
            <ButtonLink to="/applications" size="xs" variant="light">
              {t('applications.myTitle')}
            </ButtonLink>
          </Stack>
        </Alert>
      ) : c.phase !== 'open' ? (
        <Alert color="orange">{t(c.phase === 'upcoming' ? 'applications.notYetOpen' : 'applications.closed')}</Alert>
      ) : (
        <ApplicationForm call={c} application={application} profile={profile.data} key={application?.id ?? 'new'} />
      )}
    </Stack>
  )
}

function ApplicationForm({ call, application, profile }: { call: Call; application: Application | undefined; profile: Profile }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<Values>({ initialValues: initial(profile, application) })
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const [error, setError] = useState<unknown>(null)
  const v = form.values
  const offers = call.offers
  const titleOf = (id: string) => {
    const o = offers.find((x) => x.opportunityId === id)
    return o ? `${inLanguage(o.title, i18n.language)} — ${o.host.name}, ${countryName(o.host.country)}` : id
  }

  const save = async (values: Values) => {
    const saved = await api<Application>(`/api/calls/${call.id}/application`, { method: 'PUT', body: toBody(values) })
    queryClient.setQueryData(['my-applications'], (old: { items: Application[] } | undefined) => ({
      items: [saved, ...(old?.items ?? []).filter((a) => a.id !== saved.id)],
    }))
    return saved
  }
  const run = async (what: 'save' | 'submit') => {
    setBusy(what)
    setError(null)
    form.clearErrors()
    try {
      const saved = await save(form.values)
      if (what === 'save') {
        notifications.show({ color: 'green', message: t('applications.draftSaved') })
        return
      }
      await api<Application>(`/api/applications/${saved.id}/submit`, { method: 'POST' })
      await queryClient.invalidateQueries({ queryKey: ['my-applications'] })
      notifications.show({ color: 'green', message: t('applications.submitted') })
      await navigate({ to: '/applications' })
    } catch (e) {
      const fields = e instanceof ApiProblem ? e.fieldErrors() : {}
      const profileFields = Object.entries(fields).filter(([k]) => k.startsWith('profile.'))
      if (profileFields.length) form.setErrors(Object.fromEntries(profileFields.map(([k, m]) => [k.slice(8), m])))
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  const move = (i: number, by: number) => {
    const next = [...v.choices]
    const [item] = next.splice(i, 1)
    next.splice(i + by, 0, item!)
    form.setFieldValue('choices', next)
  }
  const unmetOf = (id: string) => application?.choices.find((c) => c.opportunityId === id)?.unmet ?? []
  const left = offers.filter((o) => !v.choices.includes(o.opportunityId))

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void run('save')
      }}
    >
      <Stack>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('applications.profile')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('applications.profileHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('applications.studentNumber')} {...form.getInputProps('studentNumber')} />
              <NumberInput label={t('applications.yearOfStudy')} min={1} max={10} {...form.getInputProps('yearOfStudy')} />
              <TextInput label={t('applications.programme')} {...form.getInputProps('programme')} />
              <NumberInput
                label={t('applications.gradeAverage')}
                min={0}
                max={100}
                decimalScale={2}
                {...form.getInputProps('gradeAverage')}
              />
            </SimpleGrid>
            <Text size="sm" fw={500}>
              {t('applications.languages')}
            </Text>
            {v.languages.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id
              <Group key={i} align="flex-end" wrap="nowrap">
                <Select
                  label={t('applications.language')}
                  searchable
                  allowDeselect={false}
                  data={COMMON_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
                  {...form.getInputProps(`languages.${i}.language`)}
                />
                <Select
                  label={t('applications.level')}
                  searchable
                  allowDeselect={false}
                  w={110}
                  data={[...CEFR_LEVELS]}
                  {...form.getInputProps(`languages.${i}.level`)}
                />
                <RemoveRowButton
                  label={t('applications.removeLanguage', { n: i + 1 })}
                  onClick={() => form.removeListItem('languages', i)}
                />
              </Group>
            ))}
            <AddRowButton
              label={t('applications.addLanguage')}
              onClick={() => form.insertListItem('languages', { language: null, level: null })}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('applications.choices', { n: call.maxChoices })}
            </Title>
            {v.choices.length === 0 ? <Text size="sm">{t('applications.noChoices')}</Text> : null}
            {v.choices.map((id, i) => (
              <Paper key={id} withBorder p="xs" data-testid="choice">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2}>
                    <Text size="sm" fw={500}>
                      {i + 1}. {titleOf(id)}
                    </Text>
                    <UnmetList unmet={unmetOf(id)} />
                  </Stack>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      disabled={i === 0}
                      aria-label={t('applications.moveUp', { n: i + 1 })}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      disabled={i === v.choices.length - 1}
                      aria-label={t('applications.moveDown', { n: i + 1 })}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <RemoveRowButton
                      mb={0}
                      label={t('applications.removeChoice', { n: i + 1 })}
                      onClick={() => form.removeListItem('choices', i)}
                    />
                  </Group>
                </Group>
              </Paper>
            ))}
            {v.choices.length < call.maxChoices && left.length > 0 ? (
              <Select
                label={t('applications.addChoice')}
                placeholder={t('applications.addChoiceHint')}
                searchable
                value={null}
                data={left.map((o) => ({ value: o.opportunityId, label: titleOf(o.opportunityId) }))}
                onChange={(id) => id && form.insertListItem('choices', id)}
              />
            ) : null}
            <Text size="xs" c="dimmed">
              {t('applications.eligibilityHint')}
            </Text>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Textarea
            label={t('applications.motivation')}
            description={t('applications.motivationHint')}
            autosize
            minRows={5}
            maxLength={10_000}
            {...form.getInputProps('motivation')}
          />
          <Text size="xs" c="dimmed" ta="right">
            {v.motivation.trim().length} / 50+
          </Text>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('calls.requiredDocuments')}
            </Title>
            {application ? (
              <ApplicationDocuments application={application} editable />
            ) : (
              <Text size="sm">{t('applications.saveFirst')}</Text>
            )}
          </Stack>
        </Paper>

        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={busy === 'save'} disabled={busy !== null}>
            {t('applications.saveDraft')}
          </Button>
          <Button onClick={() => void run('submit')} loading={busy === 'submit'} disabled={busy !== null || !application}>
            {t('applications.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
