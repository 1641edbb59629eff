import { Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus, IconUpload } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { formatDateTime } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { Page } from '../../lib/types'
import { useCatalogLabel } from '../catalog/labels'
import { inLanguage } from '../catalog/types'
import type { OfficeOpportunity } from './OpportunityFormPage'
import { OPPORTUNITY_STATUS_TONES } from './OpportunityStatusActions'

export type OpportunityStatusFilter = 'all' | OfficeOpportunity['status']

/** The office's opportunities, drafts and archived ones included, newest change first. */
export function OpportunitiesPage({ status, page }: { status: OpportunityStatusFilter; page: number }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const value = useCatalogLabel()
  const user = useUser()
  const list = useQuery({
    queryKey: ['opportunities', status, page],
    queryFn: () =>
      api<Page<OfficeOpportunity>>(`/api/opportunities?pageSize=50&page=${page}${status === 'all' ? '' : `&status=${status}`}`),
  })
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('office.opportunitiesTitle')}</Title>
        <Group gap="xs">
          {user.role === 'admin' || user.role === 'officer' ? (
            <ButtonLink to="/office/opportunities/import" variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
              {t('office.importOpportunities')}
            </ButtonLink>
          ) : null}
          <ButtonLink to="/office/opportunities/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('office.newOpportunity')}
          </ButtonLink>
        </Group>
      </Group>
      <SegmentedControl
        w="fit-content"
        value={status}
        aria-label={t('office.statusFilter')}
        onChange={(v) => void navigate({ to: '/office/opportunities', search: { status: v as OpportunityStatusFilter } })}
        data={(['all', 'draft', 'published', 'archived'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('office.all') : t(`office.statuses.${s}`),
        }))}
      />
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 ? <Text>{t('office.noOpportunities')}</Text> : null}
      {list.data?.items.length ? (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('office.title')}</Table.Th>
                <Table.Th>{t('office.kind')}</Table.Th>
                <Table.Th>{t('office.host')}</Table.Th>
                <Table.Th>{t('office.status')}</Table.Th>
                <Table.Th>{t('office.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <AnchorLink to="/office/opportunities/$id" params={{ id: o.id }}>
                      {inLanguage(o.title, i18n.language)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    {value('kind', o.kind)} · {t(`office.directions.${o.direction}`)}
                  </Table.Td>
                  <Table.Td>{o.host.name}</Table.Td>
                  <Table.Td>
                    <ToneBadge tone={OPPORTUNITY_STATUS_TONES[o.status]}>{t(`office.statuses.${o.status}`)}</ToneBadge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(o.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {pages > 1 ? (
        <Group>
          <Button
            variant="default"
            disabled={page <= 1}
            onClick={() => void navigate({ to: '/office/opportunities', search: { status, page: page - 1 } })}
          >
            {t('common.previous')}
          </Button>
          <Text size="sm">{t('common.page', { page, pages })}</Text>
          <Button
            variant="default"
            disabled={page >= pages}
            onClick={() => void navigate({ to: '/office/opportunities', search: { status, page: page + 1 } })}
          >
            {t('common.next')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  )
}
