import { Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import type { Page } from '../../lib/types'
import { inLanguage } from '../catalog/types'
import { CallStatusBadges } from './CallStatusActions'
import { type Call, inZone } from './types'

export type CallStatusFilter = 'all' | Call['status']

/** The office's calls, drafts and cancelled ones included, latest opening first. */
export function CallsOfficePage({ status }: { status: CallStatusFilter }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const list = useQuery({
    queryKey: ['calls', status],
    queryFn: () => api<Page<Call>>(`/api/calls?pageSize=200${status === 'all' ? '' : `&status=${status}`}`),
  })
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('calls.officeTitle')}</Title>
        <ButtonLink to="/office/calls/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t('calls.newTitle')}
        </ButtonLink>
      </Group>
      <SegmentedControl
        w="fit-content"
        value={status}
        aria-label={t('office.statusFilter')}
        onChange={(v) => void navigate({ to: '/office/calls', search: { status: v as CallStatusFilter } })}
        data={(['all', 'draft', 'published', 'cancelled'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('office.all') : t(`calls.statuses.${s}`),
        }))}
      />
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 ? <Text>{t('calls.noCalls')}</Text> : null}
      {list.data?.items.length ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('office.title')}</Table.Th>
                <Table.Th>{t('calls.audience')}</Table.Th>
                <Table.Th>{t('office.status')}</Table.Th>
                <Table.Th>{t('calls.opens')}</Table.Th>
                <Table.Th>{t('calls.closes')}</Table.Th>
                <Table.Th ta="right">{t('calls.placesLeft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <AnchorLink to="/office/calls/$id" params={{ id: c.id }}>
                      {inLanguage(c.title, i18n.language)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {t(`calls.audiences.${c.audience}`)} · {c.academicYear}
                  </Table.Td>
                  <Table.Td>
                    <CallStatusBadges call={c} />
                  </Table.Td>
                  <Table.Td>{inZone(c.opensAt, c.timeZone)}</Table.Td>
                  <Table.Td>{inZone(c.closesAt, c.timeZone)}</Table.Td>
                  <Table.Td ta="right">
                    {c.placesLeft} / {c.placesTotal}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  )
}
