import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconTrash, IconWand } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Suggestion as SuggestionDto } from '../../../shared/api/calls'
import { fitsAudience } from '../../../shared/calls'
import type { OpportunityKind } from '../../../shared/opportunities'
import { api } from '../../lib/api'
import type { Page } from '../../lib/types'
import { inLanguage } from '../catalog/types'
import type { OfficeOpportunity } from '../opportunities/OpportunityFormPage'
import type { CallValues } from './CallFormPage'
import type { Call } from './types'

type Suggestion = SuggestionDto

/** Where a suggested number comes from, in words an officer can check against the agreement. */
function useSuggestionText() {
  const { t } = useTranslation()
  return (s: Suggestion | undefined) => {
    if (!s) return ''
    const parts: string[] = []
    if (s.source === 'agreement') parts.push(t('calls.fromAgreement', { reference: s.agreementReference, quota: s.quota }))
    if (s.source === 'periods') parts.push(t('calls.fromPeriods'))
    if (s.reason && s.reason !== 'nothing')
      parts.push(
        t(`calls.reasons.${s.reason}`, {
          reference: s.agreementReference,
          status: s.agreementStatus ? t(`status.${s.agreementStatus}`) : '',
          type: t(`mobilityTypes.${s.mobilityType}`),
          others: s.sharedWith,
        }),
      )
    if (!s.source) parts.push(t('calls.noSuggestion'))
    return parts.join(' · ')
  }
}

/**
 * The opportunities a call offers and the places in each. Places are suggested from the
 * agreements' mobilities per year (or the opportunity's periods); an empty box takes the suggestion.
 */
export function CallOffersFieldset({ form, existing }: { form: UseFormReturnType<CallValues>; existing?: Call }) {
  const { t, i18n } = useTranslation()
  const describe = useSuggestionText()
  const v = form.values
  // The office's opportunities are searched on the server as the officer types.
  const [search, setSearch] = useState('')
  const [picked, setPicked] = useState(new Map<string, OfficeOpportunity>())
  const direction = v.audience === 'outgoing_students' ? 'outgoing' : v.audience === 'incoming_students' ? 'incoming' : null
  const term = search.replace(/ — .*$/, '').trim()
  const candidates = useQuery({
    queryKey: ['opportunities', 'offerable', direction, term],
    queryFn: () =>
      api<Page<OfficeOpportunity>>(
        `/api/opportunities?status=published,draft&pageSize=30${direction ? `&direction=${direction}` : ''}${term ? `&q=${encodeURIComponent(term)}` : ''}`,
      ),
    staleTime: 30_000,
  })
  const ids = v.offers.map((o) => o.opportunityId)
  const validYear = /^\d{4}\/\d{4}$/.test(v.academicYear)
  const suggestions = useQuery({
    queryKey: ['place-suggestions', v.academicYear, ids],
    queryFn: () =>
      api<{ items: Suggestion[] }>('/api/calls/place-suggestions', {
        method: 'POST',
        body: { academicYear: v.academicYear, opportunityIds: ids },
      }),
    enabled: ids.length > 0 && validYear,
  })
  const suggestionOf = (id: string) => suggestions.data?.items.find((s) => s.opportunityId === id)
  const byId = new Map([...picked, ...(candidates.data?.items ?? []).map((o) => [o.id, o] as const)])
  const offered = new Map((existing?.offers ?? []).map((o) => [o.opportunityId, o]))
  const addable = (candidates.data?.items ?? []).filter(
    (o) => !ids.includes(o.id) && fitsAudience(v.audience, o.kind as OpportunityKind, o.direction),
  )
  const useSuggestions = () => {
    v.offers.forEach((o, i) => {
      const s = suggestionOf(o.opportunityId)
      if (s?.places != null) form.setFieldValue(`offers.${i}.places`, s.places)
    })
  }

  return (
    <Fieldset legend={t('calls.offered')}>
      <Stack>
        <Group align="end">
          <Select
            label={t('calls.addOpportunity')}
            placeholder={t('calls.addOpportunityHint')}
            searchable
            w={480}
            value={null}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            data={addable.map((o) => ({
              value: o.id,
              label: `${inLanguage(o.title, i18n.language)} — ${o.host.name}${o.status === 'draft' ? ` (${t('office.statuses.draft')})` : ''}`,
            }))}
            onChange={(id) => {
              const chosen = addable.find((o) => o.id === id)
              if (!chosen) return
              setPicked(new Map(picked).set(chosen.id, chosen))
              form.insertListItem('offers', { opportunityId: chosen.id, places: '' })
              setSearch('')
            }}
            nothingFoundMessage={t('calls.nothingToAdd')}
          />
          <Button
            variant="light"
            leftSection={<IconWand size={16} aria-hidden />}
            disabled={!suggestions.data}
            onClick={useSuggestions}
          >
            {t('calls.useSuggestions')}
          </Button>
        </Group>
        {form.errors.offers ? (
          <Text size="sm" c="red.8">
            {form.errors.offers}
          </Text>
        ) : null}
        {v.offers.length ? (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calls.opportunity')}</Table.Th>
                  <Table.Th>{t('calls.suggested')}</Table.Th>
                  <Table.Th>{t('catalog.places')}</Table.Th>
                  <Table.Th>{t('calls.taken')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.offers.map((offer, i) => {
                  const o = byId.get(offer.opportunityId)
                  const known = offered.get(offer.opportunityId)
                  const title = o ? inLanguage(o.title, i18n.language) : known ? inLanguage(known.title, i18n.language) : '…'
                  const s = suggestionOf(offer.opportunityId)
                  return (
                    <Table.Tr key={offer.opportunityId}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {o?.host.name ?? known?.host.name}
                        </Text>
                        {form.errors[`offers.${i}.opportunityId`] ? (
                          <Text size="xs" c="red.8">
                            {form.errors[`offers.${i}.opportunityId`]}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td maw={320}>
                        <Text size="sm" fw={600}>
                          {s?.places ?? '—'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {describe(s)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('calls.placesFor', { title })}
                          min={0}
                          w={100}
                          placeholder={s?.places != null ? String(s.places) : ''}
                          {...form.getInputProps(`offers.${i}.places`)}
                        />
                      </Table.Td>
                      <Table.Td>{known?.placesTaken ?? 0}</Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('calls.removeOffer', { title })}
                          onClick={() => form.removeListItem('offers', i)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm" c="dimmed">
            {t('calls.noOffers')}
          </Text>
        )}
      </Stack>
    </Fieldset>
  )
}
