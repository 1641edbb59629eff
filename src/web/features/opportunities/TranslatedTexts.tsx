import { Fieldset, Stack, Tabs, Textarea, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../../shared/limits'
import { languageName } from '../../lib/format'

interface FormLike {
  getInputProps: (path: string) => object
  errors: Record<string, ReactNode>
}

/** A title and a description in each catalog language, one tab per language; English is required. */
export function TranslatedTexts({ form, legend }: { form: FormLike; legend: string }) {
  const { t, i18n } = useTranslation()
  const titleError = form.errors.title
  return (
    <Fieldset legend={legend}>
      <Tabs defaultValue={(LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'en'}>
        <Tabs.List>
          {LANGUAGES.map((l) => (
            <Tabs.Tab key={l} value={l} c={titleError && l === 'en' ? 'red' : undefined}>
              {languageName(l)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LANGUAGES.map((l) => (
          <Tabs.Panel key={l} value={l} pt="sm">
            <Stack gap="sm">
              <TextInput
                label={`${t('office.title')} (${languageName(l)})`}
                required={l === 'en'}
                {...form.getInputProps(`title.${l}`)}
                error={(l === 'en' ? titleError : null) || form.errors[`title.${l}`]}
              />
              <Textarea
                label={`${t('office.description')} (${languageName(l)})`}
                description={t('office.descriptionHint')}
                autosize
                minRows={3}
                {...form.getInputProps(`description.${l}`)}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Fieldset>
  )
}

/** Texts per language as the form holds them (every language, maybe empty) and as the API takes them (only those given). */
export const textsOf = (given: Record<string, string> | undefined) =>
  Object.fromEntries(LANGUAGES.map((l) => [l, given?.[l] ?? ''])) as Record<string, string>
export const givenTexts = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).filter(([, s]) => s.trim()))
