import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArrowMerge, IconExternalLink, IconPencil, IconPlus } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { InstitutionPicker } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { Page } from '../../lib/types'
import { AgreementsTable } from '../agreements/AgreementsTable'
import type { AgreementItem, Flow, InstitutionDetail, RealisedFlow } from './types'

export function PartnerProfilePage({ id }: { id: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const canWrite = user.role === 'admin' || user.role === 'officer'
  const seesAgreements = ['admin', 'officer', 'coordinator', 'partner'].includes(user.role)
  const [merging, setMerging] = useState(false)
  const inst = useQuery({ queryKey: ['institution', id], queryFn: () => api<InstitutionDetail>(`/api/institutions/${id}`) })
  const agreements = useQuery({
    queryKey: ['agreements', 'of', id],
    queryFn: () => api<Page<AgreementItem>>(`/api/agreements?institutionId=${id}&pageSize=100&sort=end&dir=desc`),
    enabled: seesAgreements,
  })
  const flowsQuery = useQuery({
    queryKey: ['institution', id, 'flows'],
    queryFn: () => api<Flow[]>(`/api/institutions/${id}/flows`),
    enabled: seesAgreements,
  })
  const realisedQuery = useQuery({
    queryKey: ['institution', id, 'mobility-flows'],
    queryFn: () => api<RealisedFlow[]>(`/api/institutions/${id}/mobility-flows`),
    enabled: seesAgreements,
  })
  if (!inst.data) return <ProblemAlert error={inst.error} />
  const i = inst.data
  const flows = flowsQuery.data ?? []
  const realised = realisedQuery.data ?? []
  const years = [...new Set([...flows, ...realised].map((f) => f.academicYear))].sort()
  const cell = (year: string, direction: string, staff: boolean) => {
    const planned = flows
      .filter((f) => f.academicYear === year && f.direction === direction && f.mobilityType.startsWith('staff') === staff)
      .reduce((s, f) => s + f.places, 0)
    const r = realised.find((f) => f.academicYear === year && f.direction === direction && f.staff === staff)
    const counts = { preparing: r?.preparing ?? 0, abroad: r?.abroad ?? 0, completed: r?.completed ?? 0 }
    const done = counts.preparing + counts.abroad + counts.completed
    return (
      <Text span size="sm" title={t('partners.flowCell', { realised: done, planned, ...counts })}>
        {done} / {planned}
      </Text>
    )
  }

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Title order={1}>{i.name}</Title>
          <Text c="dimmed">
            {t(`kinds.${i.kind}`)} · {[i.city, countryName(i.country)].filter(Boolean).join(', ')}
            {i.isHome ? ` · ${t('partners.home')}` : ''}
          </Text>
          <Group gap={4} mt={4}>
            {i.tags.map((tag) => (
              <AnchorLink key={tag} to="/partners" search={{ tag }} size="sm">
                #{tag}
              </AnchorLink>
            ))}
          </Group>
        </div>
        {canWrite && !i.isHome ? (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconArrowMerge size={16} aria-hidden />} onClick={() => setMerging(true)}>
              {t('partners.merge')}
            </Button>
            <ButtonLink to="/partners/$id/edit" params={{ id }} leftSection={<IconPencil size={16} aria-hidden />}>
              {t('partners.edit')}
            </ButtonLink>
          </Group>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('partners.identifiers')}
          </Title>
          <Table variant="vertical" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>{t('settings.erasmusCode')}</Table.Th>
                <Table.Td ff="monospace" style={{ whiteSpace: 'pre' }}>
                  {i.erasmusCode ?? '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.schacId')}</Table.Th>
                <Table.Td>{i.schacId ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.rorId')}</Table.Th>
                <Table.Td>
                  {i.rorId ? (
                    <Anchor href={`https://ror.org/${i.rorId}`} target="_blank" rel="noreferrer">
                      {i.rorId}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('partners.website')}</Table.Th>
                <Table.Td>
                  {i.website ? (
                    <Anchor href={i.website} target="_blank" rel="noreferrer">
                      {i.website} <IconExternalLink size={12} aria-hidden />
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {i.units.length ? (
            <>
              <Title order={3} size="h5" mt="sm">
                {t('partners.units')}
              </Title>
              <Text size="sm">{i.units.map((u) => (u.code ? `${u.name} (${u.code})` : u.name)).join(' · ')}</Text>
            </>
          ) : null}
          {i.notes ? (
            <>
              <Title order={3} size="h5" mt="sm">
                {t('partners.notes')}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {i.notes}
              </Text>
            </>
          ) : null}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('partners.contacts')}
          </Title>
          {i.contacts.length === 0 ? <Text c="dimmed">{t('partners.noContacts')}</Text> : null}
          <Stack gap="xs">
            {i.contacts.map((c) => (
              <div key={c.id}>
                <Text fw={500}>{c.name}</Text>
                {c.role ? <Text size="sm">{c.role}</Text> : null}
                <Text size="sm">
                  {c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : null}
                  {c.email && c.phone ? ' · ' : null}
                  {c.phone ? <Anchor href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</Anchor> : null}
                </Text>
              </div>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
      {seesAgreements ? (
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('partners.agreementsOf')}
            </Title>
            {canWrite ? (
              <ButtonLink
                size="xs"
                to="/agreements/new"
                search={{ partner: id }}
                leftSection={<IconPlus size={14} aria-hidden />}
              >
                {t('agreements.add')}
              </ButtonLink>
            ) : null}
          </Group>
          <ProblemAlert error={agreements.error} />
          {agreements.data?.items.length === 0 ? <Text c="dimmed">{t('partners.noAgreements')}</Text> : null}
          {agreements.data?.items.length ? <AgreementsTable items={agreements.data.items} hideParty={id} /> : null}
        </Card>
      ) : null}
      {seesAgreements ? (
        <Card withBorder>
          <Title order={2} size="h4" mb={4}>
            {t('partners.flows')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('partners.flowsHint')}
          </Text>
          {years.length === 0 ? (
            <Text c="dimmed">{t('partners.noFlows')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table aria-label={t('partners.flows')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('partners.academicYear')}</Table.Th>
                    <Table.Th>{t('partners.studentsOut')}</Table.Th>
                    <Table.Th>{t('partners.studentsIn')}</Table.Th>
                    <Table.Th>{t('partners.staffOut')}</Table.Th>
                    <Table.Th>{t('partners.staffIn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {years.map((y) => (
                    <Table.Tr key={y}>
                      <Table.Td>{y}</Table.Td>
                      <Table.Td>{cell(y, 'outgoing', false)}</Table.Td>
                      <Table.Td>{cell(y, 'incoming', false)}</Table.Td>
                      <Table.Td>{cell(y, 'outgoing', true)}</Table.Td>
                      <Table.Td>{cell(y, 'incoming', true)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      ) : null}
      {merging ? <MergeModal institution={i} onClose={() => setMerging(false)} /> : null}
    </Stack>
  )
}

function MergeModal({ institution, onClose }: { institution: InstitutionDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [into, setInto] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const merge = async () => {
    setBusy(true)
    setError(null)
    try {
      const kept = await api<InstitutionDetail>(`/api/institutions/${institution.id}/merge`, { method: 'POST', body: { into } })
      await queryClient.invalidateQueries()
      notifications.show({ color: 'green', message: t('partners.merged', { name: kept.name }) })
      await navigate({ to: '/partners/$id', params: { id: kept.id } })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('partners.mergeTitle', { name: institution.name })}>
      <Stack>
        <Text size="sm">{t('partners.mergeHint')}</Text>
        <ProblemAlert error={error} />
        <InstitutionPicker
          label={t('partners.mergeInto')}
          value={into}
          onChange={(id) => setInto(id)}
          exclude={[institution.id]}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={!into} loading={busy} onClick={merge}>
            {t('partners.mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
