import { Alert, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SimilarDto } from '../../../shared/api/institutions'
import { AddRowButton, FormActions, RemoveRowButton } from '../../components/FormRows'
import { useCountryOptions } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'
import { useSubmit } from '../../lib/useSubmit'
import { INSTITUTION_KINDS, type InstitutionDetail } from './types'

type Similar = SimilarDto

const empty = {
  name: '',
  kind: 'university',
  country: '',
  city: '',
  website: '',
  erasmusCode: '',
  schacId: '',
  rorId: '',
  tags: [] as string[],
  notes: '',
  contacts: [] as { id?: string; name: string; role: string; email: string; phone: string }[],
  units: [] as { id?: string; name: string; code: string }[],
  confirmDuplicate: false,
}

export function InstitutionFormPage({ id }: { id?: string }) {
  const existing = useQuery({
    queryKey: ['institution', id],
    queryFn: () => api<InstitutionDetail>(`/api/institutions/${id}`),
    enabled: !!id,
  })
  if (id && !existing.data) return <ProblemAlert error={existing.error} />
  return <InstitutionForm existing={existing.data} />
}

function InstitutionForm({ existing }: { existing?: InstitutionDetail }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const countries = useCountryOptions()
  const [similar, setSimilar] = useState<Similar[]>([])
  const form = useForm({
    initialValues: existing
      ? {
          ...empty,
          ...Object.fromEntries(Object.entries(existing).map(([k, v]) => [k, v ?? ''])),
          tags: existing.tags,
          contacts: existing.contacts.map((c) => ({
            id: c.id,
            name: c.name,
            role: c.role ?? '',
            email: c.email ?? '',
            phone: c.phone ?? '',
          })),
          units: existing.units.map((u) => ({ id: u.id, name: u.name, code: u.code ?? '' })),
        }
      : empty,
  })
  const v = form.values

  // Warn while typing, before the server refuses: same identifier, or a near-identical name in the country.
  useEffect(() => {
    const timer = setTimeout(async () => {
      const p = new URLSearchParams()
      if (v.name.trim().length >= 3 && v.country) {
        p.set('name', v.name.trim())
        p.set('country', v.country)
      }
      for (const key of ['erasmusCode', 'schacId', 'rorId'] as const) if (v[key].trim()) p.set(key, v[key].trim())
      if (existing) p.set('exclude', existing.id)
      if ([...p.keys()].filter((k) => k !== 'exclude').length === 0) return setSimilar([])
      setSimilar(await api<Similar[]>(`/api/institutions/similar?${p}`).catch(() => []))
    }, 400)
    return () => clearTimeout(timer)
  }, [v.name, v.country, v.erasmusCode, v.schacId, v.rorId, existing, v])

  const nul = (s: string) => (s.trim() ? s.trim() : null)
  const { onSubmit, busy, error } = useSubmit(form, async (values) => {
    const body = {
      name: values.name,
      kind: values.kind,
      country: values.country,
      city: nul(values.city),
      website: nul(values.website),
      erasmusCode: nul(values.erasmusCode),
      schacId: nul(values.schacId),
      rorId: nul(values.rorId),
      tags: values.tags,
      notes: nul(values.notes),
      contacts: values.contacts.map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        name: c.name,
        role: nul(c.role),
        email: nul(c.email),
        phone: nul(c.phone),
      })),
      units: values.units.map((u) => ({ ...(u.id ? { id: u.id } : {}), name: u.name, code: nul(u.code) })),
      confirmDuplicate: values.confirmDuplicate,
    }
    const saved = existing
      ? await api<InstitutionDetail>(`/api/institutions/${existing.id}`, { method: 'PUT', body })
      : await api<InstitutionDetail>('/api/institutions', { method: 'POST', body })
    await queryClient.invalidateQueries({ queryKey: ['institutions'] })
    await queryClient.invalidateQueries({ queryKey: ['institution', saved.id] })
    notifications.show({ color: 'green', message: t('partners.saved', { name: saved.name }) })
    await navigate({ to: '/partners/$id', params: { id: saved.id } })
  })
  const nameLookalikes = similar.filter((s) => s.reason === 'name')

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={900}>
        <Title order={1}>{existing ? t('partners.editTitle', { name: existing.name }) : t('partners.addTitle')}</Title>
        <ProblemAlert error={error} />
        {similar.length ? (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={t('partners.similarTitle')}
            role="status"
          >
            <Stack gap={4}>
              {similar.map((s) => (
                <div key={s.institution.id}>
                  <AnchorLink to="/partners/$id" params={{ id: s.institution.id }}>
                    {s.institution.name}
                  </AnchorLink>{' '}
                  ({[s.institution.city, countryName(s.institution.country)].filter(Boolean).join(', ')}) —{' '}
                  {t(`partners.similarReason.${s.reason}`)}
                </div>
              ))}
              {nameLookalikes.length ? (
                <Checkbox
                  mt="xs"
                  label={t('partners.confirmDifferent')}
                  {...form.getInputProps('confirmDuplicate', { type: 'checkbox' })}
                />
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('partners.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('partners.kind')}
            required
            allowDeselect={false}
            data={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <Select label={t('list.country')} required searchable data={countries} {...form.getInputProps('country')} />
          <TextInput label={t('partners.city')} {...form.getInputProps('city')} />
          <TextInput label={t('partners.website')} placeholder="https://" {...form.getInputProps('website')} />
          <TagsInput label={t('partners.tags')} description={t('partners.tagsHint')} {...form.getInputProps('tags')} />
        </SimpleGrid>
        <Fieldset legend={t('partners.identifiers')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('settings.erasmusCode')}
              placeholder="P  BRAGA01"
              ff="monospace"
              {...form.getInputProps('erasmusCode')}
            />
            <TextInput label={t('settings.schacId')} placeholder="uminho.pt" {...form.getInputProps('schacId')} />
            <TextInput label={t('settings.rorId')} placeholder="037wpkx04" {...form.getInputProps('rorId')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('partners.contacts')}>
          <Stack>
            {v.contacts.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
              <Group key={i} align="end" wrap="wrap">
                <TextInput label={t('partners.contactName')} required w={200} {...form.getInputProps(`contacts.${i}.name`)} />
                <TextInput label={t('partners.contactRole')} w={200} {...form.getInputProps(`contacts.${i}.role`)} />
                <TextInput label={t('users.email')} type="email" w={220} {...form.getInputProps(`contacts.${i}.email`)} />
                <TextInput label={t('partners.phone')} w={160} {...form.getInputProps(`contacts.${i}.phone`)} />
                <RemoveRowButton
                  label={t('partners.removeContact', { n: i + 1 })}
                  onClick={() => form.removeListItem('contacts', i)}
                />
              </Group>
            ))}
            <AddRowButton
              label={t('partners.addContact')}
              onClick={() => form.insertListItem('contacts', { name: '', role: '', email: '', phone: '' })}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('partners.units')}>
          <Stack>
            {v.units.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
              <Group key={i} align="end">
                <TextInput label={t('partners.unitName')} required w={320} {...form.getInputProps(`units.${i}.name`)} />
                <TextInput label={t('partners.unitCode')} w={120} {...form.getInputProps(`units.${i}.code`)} />
                <RemoveRowButton label={t('partners.removeUnit', { n: i + 1 })} onClick={() => form.removeListItem('units', i)} />
              </Group>
            ))}
            <AddRowButton label={t('partners.addUnit')} onClick={() => form.insertListItem('units', { name: '', code: '' })} />
          </Stack>
        </Fieldset>
        <Textarea
          label={t('partners.notes')}
          description={t('partners.notesHint')}
          autosize
          minRows={3}
          {...form.getInputProps('notes')}
        />
        <FormActions busy={busy} />
      </Stack>
    </form>
  )
}
