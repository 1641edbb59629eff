import { List, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { languageName } from '../../lib/format'
import { inLanguage } from '../catalog/types'
import type { Explanation, OpportunityRef, Unmet } from './types'

/** One unmet requirement in words: "requires Portuguese B1; you have A2". */
export function useUnmetText() {
  const { t } = useTranslation()
  return (u: Unmet): string => {
    switch (u.rule) {
      case 'language':
        return t('applications.unmet.language', {
          required: u.required.map((r) => `${languageName(r.language)} ${r.level}`).join(t('applications.or')),
          has:
            u.required
              .map((r) => u.has[r.language])
              .filter(Boolean)
              .join(', ') || t('applications.none'),
        })
      case 'year_of_study':
        return t('applications.unmet.yearOfStudy', { required: u.required.join(', '), has: u.has ?? t('applications.none') })
      case 'min_grade':
        return t('applications.unmet.minGrade', { required: u.required, has: u.has ?? t('applications.none') })
      case 'programme':
        return t('applications.unmet.programme', { required: u.required.join(', '), has: u.has ?? t('applications.none') })
    }
  }
}

export function UnmetList({ unmet }: { unmet: Unmet[] }) {
  const text = useUnmetText()
  if (unmet.length === 0) return null
  return (
    <List size="sm" c="red.8">
      {unmet.map((u) => (
        <List.Item key={u.rule}>{text(u)}</List.Item>
      ))}
    </List>
  )
}

/** Why each choice ranked above the result did not take the applicant. */
export function Explanations({ items, opportunities }: { items: Explanation[]; opportunities: OpportunityRef[] }) {
  const { t, i18n } = useTranslation()
  const text = useUnmetText()
  if (items.length === 0) return null
  const title = (id: string) => {
    const o = opportunities.find((x) => x.opportunityId === id)
    return o ? inLanguage(o.title, i18n.language) : id
  }
  return (
    <List size="sm" spacing={4}>
      {items.map((e) => (
        <List.Item key={e.opportunityId}>
          <Text span fw={500} size="sm">
            {title(e.opportunityId)}:
          </Text>{' '}
          {e.reason === 'full'
            ? t('applications.why.full', { last: e.lastAdmittedScore ?? '—', mine: e.score ?? '—' })
            : e.reason === 'not_eligible'
              ? [t('applications.why.notEligible'), ...(e.unmet ?? []).map(text)].join(' ')
              : t(`applications.why.${e.reason === 'adjusted' ? 'adjusted' : 'notOffered'}`)}
        </List.Item>
      ))}
    </List>
  )
}
