import {
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { CEFR_LEVELS } from '../../../shared/agreements'
import { DIRECTIONS, OPPORTUNITY_KINDS, REQUIREMENTS, SPECIALTIES } from '../../../shared/opportunities'
import { AddRowButton, FormActions, RemoveRowButton } from '../../components/FormRows'
import { InstitutionPicker } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { UnitSelect } from '../../components/UnitSelect'
import { api } from '../../lib/api'
import type { Page } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'
import { useCatalogLabel } from '../catalog/labels'
import type { Opportunity } from '../catalog/types'
import { OpportunityStatusActions } from './OpportunityStatusActions'
import { givenTexts, TranslatedTexts, textsOf } from './TranslatedTexts'

/** The office's view of an opportunity is the API's whole answer, status and unit included. */
export type OfficeOpportunity = Opportunity

const text = (v: string | null | undefined) => v ?? ''
const nul = (s: string) => (s.trim() ? s.trim() : null)
const num = (v: number | string) => (v === '' || v === null ? null : Number(v))

function initialValues(o?: OfficeOpportunity) {
  return {
    kind: o?.kind ?? 'clinical_elective',
    direction: o?.direction ?? 'outgoing',
    hostInstitutionId: o?.host.id ?? (null as string | null),
    agreementId: o?.agreementId ?? (null as string | null),
    orgUnitId: o?.orgUnitId ?? (null as string | null),
    title: textsOf(o?.title),
    description: textsOf(o?.description),
    isced: text(o?.isced),
    specialty: o?.specialty ?? (null as string | null),
    department: text(o?.department),
    languages: o?.languages.map((l) => ({ language: l.language, minLevel: l.minLevel })) ?? [],
    languagePreparation: text(o?.languagePreparation),
    clinicalPractice: o?.clinicalPractice ?? false,
    clinicalHoursPerWeek: (o?.clinicalHoursPerWeek ?? '') as number | string,
    durationWeeks: (o?.durationWeeks ?? '') as number | string,
    yearsOfStudy: (o?.yearsOfStudy ?? []).map(String),
    minGrade: (o?.minGrade ?? '') as number | string,
    prerequisites: text(o?.prerequisites),
    requirements: o?.requirements ?? [],
    feeAmount: (o?.feeAmount ?? '') as number | string,
    feeCurrency: text(o?.feeCurrency),
    funding: text(o?.funding),
    housing: text(o?.housing),
    applicationDeadline: text(o?.applicationDeadline),
    contactName: text(o?.contactName),
    contactEmail: text(o?.contactEmail),
    blocks: (o?.blocks ?? []).map((b) => ({
      label: text(b.label),
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      capacity: b.capacity as number | string,
    })),
  }
}
type Values = ReturnType<typeof initialValues>

function toBody(v: Values) {
  return {
    kind: v.kind,
    direction: v.direction,
    hostInstitutionId: v.hostInstitutionId ?? '',
    agreementId: v.agreementId,
    orgUnitId: v.orgUnitId,
    title: givenTexts(v.title),
    description: givenTexts(v.description),
    isced: nul(v.isced),
    specialty: v.specialty,
    department: nul(v.department),
    languages: v.languages.filter((l) => l.language),
    languagePreparation: nul(v.languagePreparation),
    clinicalPractice: v.clinicalPractice,
    clinicalHoursPerWeek: v.clinicalPractice ? num(v.clinicalHoursPerWeek) : null,
    durationWeeks: num(v.durationWeeks),
    yearsOfStudy: v.yearsOfStudy.map(Number),
    minGrade: num(v.minGrade),
    prerequisites: nul(v.prerequisites),
    requirements: v.requirements,
    feeAmount: num(v.feeAmount),
    feeCurrency: nul(v.feeCurrency)?.toUpperCase() ?? null,
    funding: nul(v.funding),
    housing: nul(v.housing),
    applicationDeadline: nul(v.applicationDeadline),
    contactName: nul(v.contactName),
    contactEmail: nul(v.contactEmail),
    blocks: v.blocks.map((b) => ({ label: nul(b.label), startsOn: b.startsOn, endsOn: b.endsOn, capacity: num(b.capacity) })),
  }
}

export function OpportunityFormPage({ id }: { id?: string }) {
  const existing = useQuery({
    queryKey: ['opportunity', id],
    queryFn: () => api<OfficeOpportunity>(`/api/opportunities/${id}`),
    enabled: !!id,
  })
  if (id && !existing.data) return <ProblemAlert error={existing.error} />
  return <OpportunityForm existing={existing.data} key={existing.data?.updatedAt} />
}

function OpportunityForm({ existing }: { existing?: OfficeOpportunity }) {
  const { t } = useTranslation()
  const value = useCatalogLabel()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = useForm({ initialValues: initialValues(existing) })
  const v = form.values
  const agreements = useQuery({
    queryKey: ['agreements', 'of', v.hostInstitutionId],
    queryFn: () =>
      api<Page<{ id: string; reference: string; title: string; status: string }>>(
        `/api/agreements?institutionId=${v.hostInstitutionId}&pageSize=100`,
      ),
    enabled: !!v.hostInstitutionId,
  })

  const { onSubmit, busy, error } = useSubmit(form, async (values) => {
    const body = toBody(values)
    const saved = existing
      ? await api<OfficeOpportunity>(`/api/opportunities/${existing.id}`, { method: 'PUT', body })
      : await api<OfficeOpportunity>('/api/opportunities', { method: 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['opportunities'] })
    queryClient.setQueryData(['opportunity', saved.id], saved)
    notifications.show({ color: 'green', message: t('office.saved') })
    if (!existing) await navigate({ to: '/office/opportunities/$id', params: { id: saved.id } })
  })
  const known = existing
    ? [{ id: existing.host.id, name: existing.host.name, city: existing.host.city, country: existing.host.country }]
    : []

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={960}>
        <Group justify="space-between">
          <Title order={1}>{existing ? t('office.editOpportunity') : t('office.newOpportunity')}</Title>
          {existing ? <OpportunityStatusActions opportunity={existing} /> : null}
        </Group>
        <ProblemAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('office.kind')}
            required
            allowDeselect={false}
            data={OPPORTUNITY_KINDS.map((k) => ({ value: k, label: value('kind', k) }))}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('office.direction')}
            required
            allowDeselect={false}
            data={DIRECTIONS.map((d) => ({ value: d, label: t(`office.directions.${d}`) }))}
            {...form.getInputProps('direction')}
          />
          <UnitSelect label={t('office.unit')} clearable {...form.getInputProps('orgUnitId')} />
          <InstitutionPicker
            label={t('office.host')}
            required
            known={known}
            value={v.hostInstitutionId}
            onChange={(id) => {
              form.setFieldValue('hostInstitutionId', id)
              form.setFieldValue('agreementId', null)
            }}
            error={form.errors.hostInstitutionId}
          />
          <Select
            label={t('office.agreement')}
            clearable
            searchable
            disabled={!v.hostInstitutionId}
            data={(agreements.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${a.reference} · ${t(`status.${a.status}`)}`,
            }))}
            {...form.getInputProps('agreementId')}
          />
          <Select
            label={t('catalog.facets.specialty')}
            clearable
            searchable
            data={SPECIALTIES.map((s) => ({ value: s, label: value('specialty', s) }))}
            {...form.getInputProps('specialty')}
          />
        </SimpleGrid>
        <TranslatedTexts form={form} legend={t('office.texts')} />
        <Fieldset legend={t('office.studies')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('office.isced')} placeholder="0912" {...form.getInputProps('isced')} />
            <TextInput label={t('office.department')} {...form.getInputProps('department')} />
            <NumberInput label={t('office.durationWeeks')} min={1} max={260} {...form.getInputProps('durationWeeks')} />
            <MultiSelect
              label={t('office.yearsOfStudy')}
              data={['1', '2', '3', '4', '5', '6', '7', '8']}
              {...form.getInputProps('yearsOfStudy')}
            />
            <NumberInput label={t('office.minGrade')} min={0} max={100} decimalScale={2} {...form.getInputProps('minGrade')} />
            <TextInput label={t('office.prerequisites')} {...form.getInputProps('prerequisites')} />
          </SimpleGrid>
          <Group mt="sm" align="end">
            <Checkbox label={t('catalog.clinicalPractice')} {...form.getInputProps('clinicalPractice', { type: 'checkbox' })} />
            {v.clinicalPractice ? (
              <NumberInput
                label={t('catalog.clinicalHours')}
                min={1}
                max={80}
                w={200}
                {...form.getInputProps('clinicalHoursPerWeek')}
              />
            ) : null}
          </Group>
        </Fieldset>
        <Fieldset legend={t('catalog.facets.language')}>
          <Stack>
            {v.languages.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id
              <Group key={i} align="end">
                <TextInput
                  label={t('office.languageCode')}
                  placeholder="pt"
                  w={140}
                  {...form.getInputProps(`languages.${i}.language`)}
                />
                <Select
                  label={t('office.minLevel')}
                  clearable
                  searchable
                  w={140}
                  data={[...CEFR_LEVELS]}
                  {...form.getInputProps(`languages.${i}.minLevel`)}
                />
                <RemoveRowButton
                  label={t('office.removeLanguage', { n: i + 1 })}
                  onClick={() => form.removeListItem('languages', i)}
                />
              </Group>
            ))}
            <AddRowButton
              label={t('office.addLanguage')}
              onClick={() => form.insertListItem('languages', { language: '', minLevel: null })}
            />
            <Textarea label={t('catalog.languagePreparation')} autosize {...form.getInputProps('languagePreparation')} />
          </Stack>
        </Fieldset>
        <BlocksFieldset form={form} />
        <Fieldset legend={t('catalog.requirements')}>
          <Checkbox.Group {...form.getInputProps('requirements')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {REQUIREMENTS.map((r) => (
                <Checkbox key={r} value={r} label={value('requirement', r)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Fieldset>
        <Fieldset legend={t('office.practical')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('office.fee')} min={0} decimalScale={2} {...form.getInputProps('feeAmount')} />
            <TextInput label={t('office.currency')} placeholder="EUR" maxLength={3} {...form.getInputProps('feeCurrency')} />
            <TextInput type="date" label={t('catalog.applyBy')} {...form.getInputProps('applicationDeadline')} />
            <TextInput label={t('office.contactName')} {...form.getInputProps('contactName')} />
            <TextInput label={t('office.contactEmail')} type="email" {...form.getInputProps('contactEmail')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <Textarea label={t('catalog.funding')} autosize {...form.getInputProps('funding')} />
            <Textarea label={t('catalog.housing')} autosize {...form.getInputProps('housing')} />
          </SimpleGrid>
        </Fieldset>
        <FormActions busy={busy} />
      </Stack>
    </form>
  )
}

type OpportunityFormApi = ReturnType<typeof useForm<Values>>

/** Periods or rotation blocks, each with its own dates and places. */
function BlocksFieldset({ form }: { form: OpportunityFormApi }) {
  const { t } = useTranslation()
  return (
    <Fieldset legend={t('office.blocks')}>
      <Stack>
        {form.values.blocks.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
          <Group key={i} align="end" wrap="wrap">
            <TextInput label={t('office.blockLabel')} w={200} {...form.getInputProps(`blocks.${i}.label`)} />
            <TextInput type="date" label={t('office.startsOn')} required {...form.getInputProps(`blocks.${i}.startsOn`)} />
            <TextInput type="date" label={t('office.endsOn')} required {...form.getInputProps(`blocks.${i}.endsOn`)} />
            <NumberInput label={t('catalog.places')} required min={0} w={110} {...form.getInputProps(`blocks.${i}.capacity`)} />
            <RemoveRowButton label={t('office.removeBlock', { n: i + 1 })} onClick={() => form.removeListItem('blocks', i)} />
          </Group>
        ))}
        <AddRowButton
          label={t('office.addBlock')}
          onClick={() => form.insertListItem('blocks', { label: '', startsOn: '', endsOn: '', capacity: 1 })}
        />
      </Stack>
    </Fieldset>
  )
}
