import { Fieldset, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { AGREEMENT_KINDS } from '../../../shared/agreements'
import { AddRowButton, FormActions, RemoveRowButton } from '../../components/FormRows'
import { InstitutionPicker } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { useHomeInstitution } from '../../lib/home'
import { useUser } from '../../lib/session'
import type { HomeInstitution } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'
import type { AgreementDetail, Condition, InstitutionDetail } from '../partners/types'
import { ConditionCard } from './ConditionCard'

export const LANGUAGE_CODES = [
  'en',
  'pt',
  'es',
  'fr',
  'de',
  'it',
  'ru',
  'ko',
  'mn',
  'kk',
  'zh',
  'ja',
  'tr',
  'pl',
  'sv',
  'nl',
  'cs',
  'ar',
]

export function academicYears(): string[] {
  const y = new Date().getUTCFullYear()
  return Array.from({ length: 16 }, (_, i) => `${y - 5 + i}/${y - 4 + i}`)
}

export type PartyRow = {
  institutionId: string | null
  orgUnitId: string | null
  name?: string
  country?: string
  city?: string | null
}

/** What the agreement form holds, as the condition card edits it too. */
export interface AgreementFormValues {
  title: string
  kind: AgreementDetail['kind']
  startDate: string
  endDate: string
  responsibleId: string | null
  notes: string
  parties: PartyRow[]
  conditions: Condition[]
}

export function AgreementFormPage({ id, partner }: { id?: string; partner?: string }) {
  const existing = useQuery({
    queryKey: ['agreement', id],
    queryFn: () => api<AgreementDetail>(`/api/agreements/${id}`),
    enabled: !!id,
  })
  const partnerQuery = useQuery({
    queryKey: ['institution', partner],
    queryFn: () => api<InstitutionDetail>(`/api/institutions/${partner}`),
    enabled: !!partner && !id,
  })
  const home = useHomeInstitution()
  if (id && !existing.data) return <ProblemAlert error={existing.error} />
  if (!home.data) return <ProblemAlert error={home.error} />
  if (partner && !id && !partnerQuery.data && !partnerQuery.error) return null
  return <AgreementForm existing={existing.data} partner={partnerQuery.data} home={home.data} />
}

function AgreementForm({
  existing,
  partner,
  home,
}: {
  existing?: AgreementDetail
  partner?: InstitutionDetail
  home: HomeInstitution
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const user = useUser()
  const responsibles = useQuery({
    queryKey: ['responsibles'],
    queryFn: () => api<{ id: string; name: string; email: string }[]>('/api/agreements/responsibles'),
  })
  const form = useForm<AgreementFormValues>({
    initialValues: {
      title: existing?.title ?? (partner ? t('agreements.defaultTitle', { name: partner.name }) : ''),
      kind: existing?.kind ?? 'bilateral_exchange',
      startDate: existing?.startDate ?? '',
      endDate: existing?.endDate ?? '',
      responsibleId: existing
        ? (existing.responsible?.id ?? null)
        : user.role === 'officer' || user.role === 'admin'
          ? user.id
          : null,
      notes: existing?.notes ?? '',
      parties: (existing?.parties.map((p) => ({
        institutionId: p.institutionId,
        orgUnitId: p.orgUnitId,
        name: p.name,
        country: p.country,
      })) ?? [
        { institutionId: home.id, orgUnitId: null, name: home.name, country: home.country, city: home.city },
        partner
          ? { institutionId: partner.id, orgUnitId: null, name: partner.name, country: partner.country, city: partner.city }
          : { institutionId: null, orgUnitId: null },
      ]) as PartyRow[],
      conditions: (existing?.conditions ?? []).map(({ id: _id, ...c }) => c) as Condition[],
    },
  })
  const v = form.values
  const chosen = v.parties.filter((p): p is PartyRow & { institutionId: string } => !!p.institutionId)
  const details = useQueries({
    queries: chosen.map((p) => ({
      queryKey: ['institution', p.institutionId],
      queryFn: () => api<InstitutionDetail>(`/api/institutions/${p.institutionId}`),
      staleTime: 60_000,
    })),
  })
  const unitsOf = (institutionId: string | null) =>
    (details.find((d) => d.data?.id === institutionId)?.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))
  const partyOptions = chosen.map((p) => ({
    value: p.institutionId,
    label: details.find((d) => d.data?.id === p.institutionId)?.data?.name ?? p.name ?? p.institutionId,
  }))
  const partnerOf = () => chosen.find((p) => p.institutionId !== home.id)?.institutionId ?? ''

  const newCondition = (): Condition => {
    const [y] = academicYears().slice(6)
    return {
      mobilityType: 'student_studies',
      sendingInstitutionId: home.id,
      sendingUnitId: null,
      receivingInstitutionId: partnerOf(),
      receivingUnitId: null,
      academicYearFrom: y!,
      academicYearTo: `${Number(y!.slice(0, 4)) + 4}/${Number(y!.slice(0, 4)) + 5}`,
      mobilitiesPerYear: 2,
      totalMonthsPerYear: 10,
      totalDaysPerYear: null,
      subjectAreas: [{ isced: '0912', clarification: null }],
      eqfLevels: [7],
      languageSkills: [],
      blended: false,
      otherTerms: null,
    }
  }

  const nul = (s: string | null | undefined) => (s?.trim() ? s.trim() : null)
  const { onSubmit, busy, error } = useSubmit(form, async (values) => {
    const body = {
      title: values.title,
      kind: values.kind,
      startDate: nul(values.startDate),
      endDate: nul(values.endDate),
      responsibleId: values.responsibleId,
      notes: nul(values.notes),
      parties: values.parties
        .filter((p) => p.institutionId)
        .map((p) => ({ institutionId: p.institutionId, orgUnitId: p.orgUnitId })),
      conditions: values.conditions.map((c) => ({
        ...c,
        otherTerms: nul(c.otherTerms),
        subjectAreas: c.subjectAreas.map((s) => ({ isced: s.isced, clarification: nul(s.clarification) })),
        languageSkills: c.languageSkills.map((l) => ({ language: l.language, cefr: l.cefr, isced: l.isced || null })),
      })),
    }
    const saved = existing
      ? await api<AgreementDetail>(`/api/agreements/${existing.id}`, { method: 'PUT', body })
      : await api<AgreementDetail>('/api/agreements', { method: 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['agreements'] })
    await queryClient.invalidateQueries({ queryKey: ['agreement', saved.id] })
    notifications.show({ color: 'green', message: t('agreements.saved', { reference: saved.reference }) })
    await navigate({ to: '/agreements/$id', params: { id: saved.id } })
  })
  const termsLocked = !!existing && !existing.editable

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={1000}>
        <Title order={1}>
          {existing ? t('agreements.editTitle', { reference: existing.reference }) : t('agreements.addTitle')}
        </Title>
        {termsLocked ? <Text c="dimmed">{t('agreements.termsLocked', { status: t(`status.${existing.status}`) })}</Text> : null}
        <ProblemAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('agreements.titleField')} required {...form.getInputProps('title')} />
          <Select
            label={t('agreements.kind')}
            required
            allowDeselect={false}
            disabled={termsLocked}
            data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`agreementKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput type="date" label={t('agreements.start')} disabled={termsLocked} {...form.getInputProps('startDate')} />
          <TextInput type="date" label={t('agreements.end')} disabled={termsLocked} {...form.getInputProps('endDate')} />
          <Select
            label={t('agreements.responsible')}
            data={(responsibles.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            clearable
            {...form.getInputProps('responsibleId')}
          />
        </SimpleGrid>
        <Fieldset legend={t('agreements.parties')} disabled={termsLocked}>
          <Stack>
            {form.errors.parties ? (
              <Text c="red" size="sm" role="alert">
                {form.errors.parties}
              </Text>
            ) : null}
            {v.parties.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a party row has no id of its own
              <Group key={i} align="end" wrap="wrap">
                <InstitutionPicker
                  label={t('agreements.party', { n: i + 1 })}
                  w={420}
                  value={p.institutionId}
                  known={
                    p.institutionId && p.name
                      ? [{ id: p.institutionId, name: p.name, country: p.country ?? '', city: p.city ?? null }]
                      : []
                  }
                  exclude={chosen.map((c) => c.institutionId)}
                  onChange={(id, option) => {
                    form.setFieldValue(`parties.${i}`, {
                      institutionId: id,
                      orgUnitId: null,
                      name: option?.name,
                      country: option?.country,
                      city: option?.city,
                    })
                  }}
                  error={form.errors[`parties.${i}.institutionId`]}
                />
                {unitsOf(p.institutionId).length ? (
                  <Select
                    label={t('agreements.unit')}
                    w={260}
                    clearable
                    data={unitsOf(p.institutionId)}
                    {...form.getInputProps(`parties.${i}.orgUnitId`)}
                  />
                ) : null}
                {v.parties.length > 2 ? (
                  <RemoveRowButton
                    label={t('agreements.removeParty', { n: i + 1 })}
                    onClick={() => form.removeListItem('parties', i)}
                  />
                ) : null}
              </Group>
            ))}
            <AddRowButton
              label={t('agreements.addParty')}
              onClick={() => form.insertListItem('parties', { institutionId: null, orgUnitId: null })}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('agreements.conditions')} disabled={termsLocked}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('agreements.conditionsHint')}
            </Text>
            {v.conditions.map((_c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id until saved
              <ConditionCard key={i} form={form} index={i} partyOptions={partyOptions} unitsOf={unitsOf} />
            ))}
            <AddRowButton
              label={t('agreements.addCondition')}
              onClick={() => form.insertListItem('conditions', newCondition())}
            />
          </Stack>
        </Fieldset>
        <Textarea label={t('partners.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <FormActions busy={busy} />
      </Stack>
    </form>
  )
}
