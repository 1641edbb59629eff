import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  NavLink,
  Popover,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { TemplateDetailDto, TemplateOverviewDto } from '../../../shared/api/mail-templates'
import { LANGUAGES, type Language } from '../../../shared/limits'
import {
  exampleVars,
  isMailTemplateKey,
  knownVars,
  MAIL_GROUPS,
  type MailTemplateKey,
  type MailText,
  renderMail,
} from '../../../shared/mail-templates'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useSubmit } from '../../lib/useSubmit'

// As the API answers them (src/shared/api/mail-templates.ts).
type Overview = TemplateOverviewDto[number]
type Detail = TemplateDetailDto

export interface MailTemplatesSearch {
  key?: MailTemplateKey
  lang?: Language
}

/** The mails Meridian sends, for admins: each template in each language, rewritten or back to Meridian's text. */
export function MailTemplatesPage() {
  const { t } = useTranslation()
  const search = useSearch({ from: '/app/admin/mail-templates' })
  const navigate = useNavigate({ from: '/admin/mail-templates' })
  const overview = useQuery({ queryKey: ['mail-templates'], queryFn: () => api<Overview[]>('/api/admin/mail-templates') })
  const key = search.key && isMailTemplateKey(search.key) ? search.key : overview.data?.[0]?.key
  const lang = search.lang ?? 'en'
  const select = (next: MailTemplatesSearch) => navigate({ search: { key, lang, ...next }, replace: true })

  return (
    <Stack>
      <div>
        <Title order={1}>{t('mailTemplates.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('mailTemplates.intro')}
        </Text>
      </div>
      <ProblemAlert error={overview.error} />
      {!overview.data || !key ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ScrollArea.Autosize mah="75vh" type="auto">
              <nav aria-label={t('mailTemplates.list')}>
                {MAIL_GROUPS.map((group) => (
                  <div key={group}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={4}>
                      {t(`mailTemplates.groups.${group}`)}
                    </Text>
                    {overview.data
                      .filter((o) => o.group === group)
                      .map((o) => (
                        <NavLink
                          component="button"
                          key={o.key}
                          active={o.key === key}
                          label={t(`mailTemplates.names.${o.key}`)}
                          onClick={() => select({ key: o.key })}
                          rightSection={
                            Object.keys(o.customised).length ? (
                              <Badge size="xs" variant="light" title={t('mailTemplates.customisedIn')}>
                                {Object.keys(o.customised).join(' ')}
                              </Badge>
                            ) : null
                          }
                        />
                      ))}
                  </div>
                ))}
              </nav>
            </ScrollArea.Autosize>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack>
              <SegmentedControl
                aria-label={t('mailTemplates.language')}
                value={lang}
                onChange={(v) => select({ lang: v as Language })}
                data={LANGUAGES.map((l) => ({
                  value: l,
                  label: `${t(`language.${l}`)}${overview.data.find((o) => o.key === key)?.customised[l] ? ' •' : ''}`,
                }))}
                style={{ alignSelf: 'flex-start' }}
              />
              <TemplateEditor key={`${key}/${lang}`} templateKey={key} lang={lang} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  )
}

function TemplateEditor({ templateKey, lang }: { templateKey: MailTemplateKey; lang: Language }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const queryKey = ['mail-templates', templateKey, lang]
  const url = `/api/admin/mail-templates/${templateKey}/${lang}`
  const detail = useQuery({ queryKey, queryFn: () => api<Detail>(url) })
  const form = useForm<MailText>({ initialValues: { subject: '', text: '' } })
  const { setValues, resetDirty } = form
  useEffect(() => {
    if (!detail.data) return
    setValues({ subject: detail.data.subject, text: detail.data.text })
    resetDirty({ subject: detail.data.subject, text: detail.data.text })
  }, [detail.data, setValues, resetDirty])
  const textArea = useRef<HTMLTextAreaElement>(null)

  const stored = (d: Detail, message: string) => {
    queryClient.setQueryData(queryKey, d)
    void queryClient.invalidateQueries({ queryKey: ['mail-templates'], exact: true })
    notifications.show({ color: 'green', message })
  }
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    stored(await api<Detail>(url, { method: 'PUT', body: v }), t('mailTemplates.saved'))
  })
  const reset = useAction()

  /** Puts a placeholder where the cursor is in the text (or at its end). */
  const insert = (name: string) => {
    const el = textArea.current
    const token = `{{${name}}}`
    const at = el?.selectionStart ?? form.values.text.length
    const end = el?.selectionEnd ?? at
    form.setFieldValue('text', form.values.text.slice(0, at) + token + form.values.text.slice(end))
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(at + token.length, at + token.length)
    })
  }

  if (!detail.data) return detail.error ? <ProblemAlert error={detail.error} /> : <Loader aria-label={t('common.loading')} />
  const d = detail.data
  const preview = renderMail(form.values, exampleVars(templateKey))
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t(`mailTemplates.names.${templateKey}`)}
        </Title>
        {d.customised ? (
          <Badge color="blue" variant="light" tt="none">
            {t('mailTemplates.customisedBy', { name: d.updatedBy ?? '—', when: formatDateTime(d.updatedAt!) })}
          </Badge>
        ) : (
          <Badge color="gray" variant="light" tt="none">
            {t('mailTemplates.standard')}
          </Badge>
        )}
      </Group>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={error ?? reset.error} />
          <TextInput label={t('mailTemplates.subject')} {...form.getInputProps('subject')} />
          <Textarea
            ref={textArea}
            label={t('mailTemplates.text')}
            autosize
            minRows={8}
            maxRows={24}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            {...form.getInputProps('text')}
          />
          <div>
            <Text size="sm" fw={500}>
              {t('mailTemplates.placeholders')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('mailTemplates.placeholdersHint')}
            </Text>
            <Group gap={6}>
              {knownVars(templateKey).map((v) => (
                <UnstyledButton key={v} onClick={() => insert(v)} aria-label={t('mailTemplates.insert', { name: v })}>
                  <Badge variant="outline" tt="none" style={{ cursor: 'pointer' }}>{`{{${v}}}`}</Badge>
                </UnstyledButton>
              ))}
            </Group>
          </div>
          <Group>
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
            {form.isDirty() ? (
              <Button variant="subtle" onClick={() => form.setValues({ subject: d.subject, text: d.text })}>
                {t('mailTemplates.discard')}
              </Button>
            ) : null}
            {d.customised ? (
              <Popover withArrow trapFocus>
                <Popover.Target>
                  <Button variant="light" color="red">
                    {t('mailTemplates.reset')}
                  </Button>
                </Popover.Target>
                <Popover.Dropdown maw={320}>
                  <Text size="sm" mb="xs">
                    {t('mailTemplates.resetConfirm')}
                  </Text>
                  <Button
                    size="xs"
                    color="red"
                    loading={reset.busy === 'reset'}
                    onClick={() =>
                      reset.run('reset', async () =>
                        stored(await api<Detail>(url, { method: 'DELETE' }), t('mailTemplates.resetDone')),
                      )
                    }
                  >
                    {t('mailTemplates.resetYes')}
                  </Button>
                </Popover.Dropdown>
              </Popover>
            ) : null}
          </Group>
        </Stack>
      </form>
      <Card withBorder aria-label={t('mailTemplates.preview')}>
        <Text size="xs" c="dimmed" mb="xs">
          {t('mailTemplates.previewHint')}
        </Text>
        <Text fw={600} mb="xs" data-testid="preview-subject">
          {preview.subject}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
          {preview.text}
        </Text>
      </Card>
    </Stack>
  )
}
