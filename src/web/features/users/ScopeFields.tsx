import { Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { type Role, scopeOf } from '../../../shared/roles'
import { UnitSelect } from '../../components/UnitSelect'
import { api } from '../../lib/api'
import type { Institution, Page } from '../../lib/types'

/** The unit of a coordinator or the institution of a partner coordinator, as the role needs. */
export function ScopeFields({
  role,
  orgUnitProps,
  institutionProps,
}: {
  role: Role | null
  orgUnitProps: object
  institutionProps: object
}) {
  const { t } = useTranslation()
  const scope = role ? scopeOf(role) : null
  const partners = useQuery({
    queryKey: ['institutions', 'partners'],
    queryFn: () => api<Page<Institution>>('/api/institutions?partnersOnly=true&pageSize=200').then((p) => p.items),
    enabled: scope === 'institution',
  })
  if (scope === 'orgUnit') {
    return <UnitSelect label={t('users.orgUnit')} required searchable {...orgUnitProps} />
  }
  if (scope === 'institution') {
    return (
      <Select
        label={t('users.institution')}
        required
        data={(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        searchable
        {...institutionProps}
      />
    )
  }
  return null
}
