import { Select, type SelectProps } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { api } from '../lib/api'
import type { OrgUnit } from '../lib/types'

/** A choice among the organisational units, which it loads itself. */
export function UnitSelect(props: Omit<SelectProps, 'data'>) {
  const units = useQuery({ queryKey: ['org-units'], queryFn: () => api<OrgUnit[]>('/api/org-units') })
  return <Select data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} {...props} />
}
