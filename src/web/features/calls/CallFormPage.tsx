import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { academicYearOf, shiftAcademicYear } from '../../../shared/agreements'
import { CALL_AUDIENCES, DOCUMENT_KINDS } from '../../../shared/calls'
import { FormActions, RemoveRowButton } from '../../components/FormRows'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ButtonLink } from '../../components/RouterLinks'
import { UnitSelect } from '../../components/UnitSelect'
import { api } from '../../lib/api'
import { useSubmit } from '../../lib/useSubmit'
import { givenTexts, TranslatedTexts, textsOf } from '../opportunities/TranslatedTexts'
import { CallOffersFieldset } from './CallOffersFieldset'
import { CallStatusActions } from './CallStatusActions'
import type { Call } from './types'

const nul = (s: string) => (s.trim() ? s.trim() : null)
const num = (v: number | string) => (v === '' ? null : Number(v))
const TIME_ZONES = Intl.supportedValuesOf('timeZone')

/** The academic year that starts next September, by the officer's own calendar. */
function nextAcademicYear(now = new Date()) {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-01`
  return shiftAcademicYear(academicYearOf(today), 1)
}

function initialValues(c: Call | undefined, zone: string) {
  return {
    title: textsOf(c?.title),
    description: textsOf(c?.description),
    academicYear: c?.academicYear ?? nextAcademicYear(),
    audience: c?.audience ?? ('outgoing_students' as Call['audience']),
    orgUnitId: c?.orgUnitId ?? (null as string | null),
    opensAt: c?.opensAtLocal ?? '',
    closesAt: c?.closesAtLocal ?? '',
    timeZone: c?.timeZone ?? zone,
    maxChoices: (c?.maxChoices ?? 3) as number | string,
    yearsOfStudy: (c?.eligibility.yearsOfStudy ?? []).map(String),
    minGrade: (c?.eligibility.minGrade ?? '') as number | string,
    programmes: c?.eligibility.programmes ?? [],
    notes: c?.eligibility.notes ?? '',
    requiredDocuments: c?.requiredDocuments ?? [],
    criteria: (c?.criteria ?? []).map((k) => ({ key: k.key, label: k.label, weight: k.weight as number | string })),
    offers: (c?.offers ?? []).map((o) => ({ opportunityId: o.opportunityId, places: o.places as number | string })),
  }
}
export type CallValues = ReturnType<typeof initialValues>

/** A key for a criterion from its label: "Grade average" → "grade_average". */
const keyOf = (label: string) =>
  label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40) || 'criterion'

function toBody(v: CallValues) {
  return {
    title: givenTexts(v.title),
    description: givenTexts(v.description),
    academicYear: v.academicYear.trim(),
    audience: v.audience,
    orgUnitId: v.orgUnitId,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    timeZone: v.timeZone,
    maxChoices: num(v.maxChoices),
    eligibility: {
      yearsOfStudy: v.yearsOfStudy.map(Number),
      minGrade: num(v.minGrade),
      programmes: v.programmes,
      notes: nul(v.notes),
    },
    requiredDocuments: v.requiredDocuments,
    criteria: v.criteria.map((k) => ({ key: k.key.trim() || keyOf(k.label), label: k.label, weight: num(k.weight) })),
    offers: v.offers.map((o) => ({ opportunityId: o.opportunityId, places: num(o.places) })),
  }
}

export function CallFormPage({ id }: { id?: string }) {
  const existing = useQuery({ queryKey: ['call', id], queryFn: () => api<Call>(`/api/calls/${id}`), enabled: !!id })
  if (id && !existing.data) return <ProblemAlert error={existing.error} />
  return <CallForm existing={existing.data} key={existing.data?.updatedAt} />
}

function CallForm({ existing }: { existing?: Call }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // A new call starts in the officer's own time zone; they can choose the office's.
  const form = useForm({ initialValues: initialValues(existing, Intl.DateTimeFormat().resolvedOptions().timeZone) })
  const v = form.values
  const locked = existing?.status === 'cancelled' || (existing?.status === 'published' && existing.phase === 'closed')
  const published = existing?.status === 'published'

  const { onSubmit, busy, error } = useSubmit(form, async (values) => {
    const body = toBody(values)
    const saved = existing
      ? await api<Call>(`/api/calls/${existing.id}`, { method: 'PUT', body })
      : await api<Call>('/api/calls', { method: 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['calls'] })
    queryClient.setQueryData(['call', saved.id], saved)
    notifications.show({ color: 'green', message: t('office.saved') })
    if (!existing) await navigate({ to: '/office/calls/$id', params: { id: saved.id } })
  })
  const weights = v.criteria.reduce((n, k) => n + (Number(k.weight) || 0), 0)

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1000}>
        <Group justify="space-between" align="flex-start">
          <Title order={1}>{existing ? t('calls.editTitle') : t('calls.newTitle')}</Title>
          {existing ? (
            <Group gap="xs">
              {existing.status === 'published' ? (
                <ButtonLink
                  to="/office/calls/$id/applications"
                  params={{ id: existing.id }}
                  search={{ tab: 'applications' }}
                  variant="light"
                >
                  {t('applications.tab')}
                </ButtonLink>
              ) : null}
              <CallStatusActions call={existing} />
            </Group>
          ) : null}
        </Group>
        <ProblemAlert error={error} />
        <fieldset disabled={locked} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack>
            <TranslatedTexts form={form} legend={t('office.texts')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('calls.academicYear')}
                placeholder="2027/2028"
                required
                disabled={published}
                {...form.getInputProps('academicYear')}
              />
              <Select
                label={t('calls.audience')}
                required
                allowDeselect={false}
                disabled={published}
                data={CALL_AUDIENCES.map((a) => ({ value: a, label: t(`calls.audiences.${a}`) }))}
                {...form.getInputProps('audience')}
              />
              <UnitSelect label={t('office.unit')} clearable {...form.getInputProps('orgUnitId')} />
              <TextInput
                type="datetime-local"
                label={t('calls.opens')}
                required
                disabled={published && existing?.phase !== 'upcoming'}
                {...form.getInputProps('opensAt')}
              />
              <TextInput type="datetime-local" label={t('calls.closes')} required {...form.getInputProps('closesAt')} />
              <Select
                label={t('calls.timeZone')}
                description={t('calls.timeZoneHint')}
                required
                searchable
                allowDeselect={false}
                data={TIME_ZONES}
                limit={50}
                {...form.getInputProps('timeZone')}
              />
              <NumberInput label={t('calls.maxChoices')} min={1} max={20} required {...form.getInputProps('maxChoices')} />
            </SimpleGrid>
            <Fieldset legend={t('calls.eligibility')}>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <MultiSelect
                  label={t('office.yearsOfStudy')}
                  data={['1', '2', '3', '4', '5', '6', '7', '8']}
                  {...form.getInputProps('yearsOfStudy')}
                />
                <NumberInput
                  label={t('office.minGrade')}
                  min={0}
                  max={100}
                  decimalScale={2}
                  {...form.getInputProps('minGrade')}
                />
                <TagsInput label={t('calls.programmesLabel')} {...form.getInputProps('programmes')} />
              </SimpleGrid>
              <Textarea label={t('calls.eligibilityNotes')} autosize mt="sm" {...form.getInputProps('notes')} />
            </Fieldset>
            <Fieldset legend={t('calls.requiredDocuments')}>
              <Checkbox.Group {...form.getInputProps('requiredDocuments')}>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {DOCUMENT_KINDS.map((d) => (
                    <Checkbox key={d} value={d} label={t(`calls.documents.${d}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Fieldset>
            <Fieldset legend={t('calls.criteria')}>
              <Stack>
                {v.criteria.map((_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id
                  <Group key={i} align="end">
                    <TextInput label={t('calls.criterion')} required w={320} {...form.getInputProps(`criteria.${i}.label`)} />
                    <NumberInput
                      label={t('calls.weight')}
                      required
                      min={1}
                      max={100}
                      suffix="%"
                      w={110}
                      {...form.getInputProps(`criteria.${i}.weight`)}
                    />
                    <RemoveRowButton
                      label={t('calls.removeCriterion', { n: i + 1 })}
                      onClick={() => form.removeListItem('criteria', i)}
                    />
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() => form.insertListItem('criteria', { key: '', label: '', weight: '' })}
                  >
                    {t('calls.addCriterion')}
                  </Button>
                  {v.criteria.length ? (
                    <Text size="sm" c={weights === 100 ? 'dimmed' : 'red.8'} role="status">
                      {t('calls.weightsSum', { sum: weights })}
                    </Text>
                  ) : null}
                </Group>
                {form.errors.criteria ? (
                  <Text size="sm" c="red.8">
                    {form.errors.criteria}
                  </Text>
                ) : null}
              </Stack>
            </Fieldset>
            <CallOffersFieldset form={form} existing={existing} />
          </Stack>
        </fieldset>
        <FormActions busy={busy} disabled={locked} />
      </Stack>
    </form>
  )
}
