import { Button, Group, MultiSelect, Select, type SelectProps, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconFileSpreadsheet, IconFileTypeCsv, IconSearch } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COUNTRY_CODES } from '../../shared/identifiers'
import { api } from '../lib/api'
import { countryName } from '../lib/format'
import type { Page } from '../lib/types'

/** Links that download exactly the filtered list, as CSV or XLSX. */
export function ExportButtons({ path, params }: { path: string; params: URLSearchParams }) {
  const { t } = useTranslation()
  const href = (format: string) => {
    const p = new URLSearchParams(params)
    p.delete('page')
    p.delete('pageSize')
    p.set('format', format)
    return `${path}?${p}`
  }
  return (
    <Group gap="xs">
      <Button component="a" href={href('csv')} download variant="default" leftSection={<IconFileTypeCsv size={16} aria-hidden />}>
        {t('list.exportCsv')}
      </Button>
      <Button
        component="a"
        href={href('xlsx')}
        download
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      >
        {t('list.exportXlsx')}
      </Button>
    </Group>
  )
}

/** The search box of a list: typed freely, sent after a quarter of a second without typing. */
export function ListSearch({
  initial,
  hint,
  onSearch,
}: {
  initial: string
  hint: string
  onSearch: (q: string | undefined) => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState(initial)
  const send = useDebouncedCallback((v: string) => onSearch(v || undefined), 250)
  return (
    <TextInput
      label={t('list.search')}
      description={hint}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={q}
      onChange={(e) => {
        setQ(e.currentTarget.value)
        send(e.currentTarget.value)
      }}
      w={270}
    />
  )
}

/** Countries by their names in the reader's language, sorted by those names. */
export function useCountryOptions() {
  const { i18n } = useTranslation()
  return useMemo(
    () =>
      [...COUNTRY_CODES]
        .map((c) => ({ value: c, label: countryName(c) }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [i18n.language],
  )
}

export function CountryMultiSelect(props: { label: string; value: string[]; onChange: (v: string[]) => void; w?: number }) {
  const { t } = useTranslation()
  const data = useCountryOptions()
  return <MultiSelect searchable clearable data={data} placeholder={props.value.length ? undefined : t('list.any')} {...props} />
}

interface InstitutionOption {
  id: string
  name: string
  country: string
  city: string | null
}

/** Pick an institution by typing part of its name, city or code. */
export function InstitutionPicker(
  props: Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
    value: string | null
    onChange: (id: string | null, option?: InstitutionOption) => void
    /** Shown while nothing is searched, e.g. the parties already chosen. */
    known?: InstitutionOption[]
    exclude?: string[]
  },
) {
  const { value, onChange, known = [], exclude = [], ...rest } = props
  const [search, setSearch] = useState('')
  const [picked, setPicked] = useState<InstitutionOption | null>(null)
  // After a pick the box shows "Name (City, CC)"; only the name is searched.
  const term = search.replace(/\s*\(.*$/, '').trim()
  const found = useQuery({
    queryKey: ['institutions', 'pick', term],
    queryFn: () =>
      api<Page<InstitutionOption>>(`/api/institutions?pageSize=20&sort=name${term ? `&q=${encodeURIComponent(term)}` : ''}`).then(
        (p) => p.items,
      ),
    staleTime: 30_000,
  })
  const options = [...known, ...(picked ? [picked] : []), ...(found.data ?? [])].filter(
    (o, i, all) => all.findIndex((x) => x.id === o.id) === i && (!exclude.includes(o.id) || o.id === value),
  )
  return (
    <Select
      searchable
      clearable
      filter={({ options: opts }) => opts}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((o) => ({ value: o.id, label: `${o.name} (${o.city ? `${o.city}, ` : ''}${o.country})` }))}
      value={value}
      onChange={(id) => {
        const option = options.find((o) => o.id === id)
        setPicked(option ?? null)
        onChange(id, option)
      }}
      nothingFoundMessage="—"
      {...rest}
    />
  )
}
