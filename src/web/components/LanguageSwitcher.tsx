import { NativeSelect } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, type Language } from '../../shared/limits'
import { isLanguage, noteChosenBeforeSignIn, rememberLanguage } from '../i18n'
import { api } from '../lib/api'
import { useHomeInstitution } from '../lib/home'
import { useSession } from '../lib/session'

/** Changes the interface language at once; a signed-in user's choice is kept on the account too. */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const queryClient = useQueryClient()
  const home = useHomeInstitution()
  // The institution chooses which languages it offers; until it has loaded, all are listed.
  const offered = useMemo(() => LANGUAGES.filter((lang) => !home.data || home.data.languages.includes(lang)), [home.data])
  const fallback = home.data?.defaultLanguage
  useEffect(() => {
    if (fallback && isLanguage(fallback) && !offered.includes(i18n.language as Language)) rememberLanguage(fallback)
  }, [fallback, offered, i18n.language])
  const change = async (value: string | null) => {
    if (!isLanguage(value)) return
    rememberLanguage(value as Language)
    if (session.data?.user) {
      await api('/api/me', { method: 'PATCH', body: { locale: value } }).catch(() => undefined)
      await queryClient.invalidateQueries({ queryKey: ['session'] })
    } else {
      noteChosenBeforeSignIn(value)
    }
  }
  // A native select: light to load (the public pages carry it) and at home on every device.
  return (
    <NativeSelect
      aria-label={t('language.label')}
      label={compact ? undefined : t('language.label')}
      data={offered.map((lang) => ({ value: lang, label: t(`language.${lang}`) }))}
      value={i18n.language}
      onChange={(e) => void change(e.currentTarget.value)}
      w={compact ? 140 : undefined}
      size={compact ? 'xs' : 'sm'}
      data-testid="language-switcher"
    />
  )
}
