import {
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Loader,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COUNTRY_CODES } from '../../../shared/identifiers'
import { LANGUAGES, LOGO_MAX_BYTES } from '../../../shared/limits'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'
import { useHomeInstitution } from '../../lib/home'
import type { HomeInstitution } from '../../lib/types'
import { useSubmit } from '../../lib/useSubmit'
import { ReminderSettings } from './ReminderSettings'
import { RetentionSettings } from './RetentionSettings'

const KINDS = ['university', 'hospital', 'research_institute', 'ngo', 'international_organisation', 'other']

export function SettingsPage() {
  const { t, i18n } = useTranslation()
  const home = useHomeInstitution()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const form = useForm({
    initialValues: {
      name: '',
      kind: 'university',
      country: '',
      city: '',
      website: '',
      erasmusCode: '',
      schacId: '',
      rorId: '',
      languages: ['en'] as string[],
      defaultLanguage: 'en',
    },
  })
  const { setValues, resetDirty } = form
  useEffect(() => {
    const h = home.data
    if (!h) return
    setValues({
      name: h.name,
      kind: h.kind,
      country: h.country,
      city: h.city ?? '',
      website: h.website ?? '',
      erasmusCode: h.erasmusCode ?? '',
      schacId: h.schacId ?? '',
      rorId: h.rorId ?? '',
      languages: h.languages,
      defaultLanguage: h.defaultLanguage,
    })
    resetDirty()
  }, [home.data, setValues, resetDirty])

  const countries = [...COUNTRY_CODES]
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language))
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim())

  const saved = (h: HomeInstitution, message: string) => {
    queryClient.setQueryData(['home-institution'], h)
    notifications.show({ color: 'green', message })
  }

  const {
    onSubmit: submit,
    busy,
    error: saveError,
  } = useSubmit(form, async (v) => {
    const h = await api<HomeInstitution>('/api/settings/institution', {
      method: 'PUT',
      body: {
        name: v.name,
        kind: v.kind,
        country: v.country,
        city: orNull(v.city),
        website: orNull(v.website),
        erasmusCode: orNull(v.erasmusCode),
        schacId: orNull(v.schacId),
        rorId: orNull(v.rorId),
        languages: v.languages,
        defaultLanguage: v.defaultLanguage,
      },
    })
    saved(h, t('settings.saved'))
  })

  const uploadLogo = async (file: File | null) => {
    if (!file) return
    setError(null)
    if (file.size > LOGO_MAX_BYTES) {
      setError(new Error(t('settings.logoHint')))
      return
    }
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error)
      reader.readAsDataURL(file)
    })
    try {
      saved(
        await api<HomeInstitution>('/api/settings/institution/logo', { method: 'PUT', body: { dataUrl } }),
        t('settings.logoSaved'),
      )
    } catch (e) {
      setError(e)
    }
  }
  const removeLogo = async () => {
    try {
      saved(await api<HomeInstitution>('/api/settings/institution/logo', { method: 'DELETE' }), t('settings.logoSaved'))
    } catch (e) {
      setError(e)
    }
  }

  if (home.isPending) return <Loader role="status" aria-label={t('app.loading')} />
  return (
    <Stack maw={900}>
      <div>
        <Title order={1}>{t('settings.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('settings.intro')}
        </Text>
      </div>
      <ProblemAlert error={saveError ?? error ?? home.error} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('settings.name')} required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('settings.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`settings.kinds.${k}`) }))}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <Select label={t('settings.country')} data={countries} searchable required {...form.getInputProps('country')} />
            <TextInput label={t('settings.city')} {...form.getInputProps('city')} />
          </SimpleGrid>
          <TextInput label={t('settings.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('settings.erasmusCode')} placeholder="P  BRAGA01" {...form.getInputProps('erasmusCode')} />
            <TextInput label={t('settings.schacId')} placeholder="uminho.pt" {...form.getInputProps('schacId')} />
            <TextInput label={t('settings.rorId')} placeholder="037wpkx04" {...form.getInputProps('rorId')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('settings.languages')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              {...form.getInputProps('languages')}
            />
            <Select
              label={t('settings.defaultLanguage')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              allowDeselect={false}
              {...form.getInputProps('defaultLanguage')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={busy}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('settings.logo')}
        </Title>
        <Group>
          {home.data?.hasLogo ? (
            <Image
              src={`/api/settings/institution/logo?v=${home.data.updatedAt}`}
              alt={t('settings.logo')}
              h={64}
              w="auto"
              fit="contain"
            />
          ) : null}
          <FileButton onChange={uploadLogo} accept="image/png,image/jpeg,image/webp">
            {(props) => (
              <Button variant="light" {...props}>
                {t('settings.logoUpload')}
              </Button>
            )}
          </FileButton>
          {home.data?.hasLogo ? (
            <Button variant="subtle" color="red" onClick={removeLogo}>
              {t('settings.logoRemove')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('settings.logoHint')}
        </Text>
      </Card>
      <ReminderSettings />
      <RetentionSettings />
    </Stack>
  )
}
