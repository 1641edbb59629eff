import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName, formatDate } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { Institution, Page } from '../../lib/types'
import { StatusBadge } from '../agreements/AgreementsTable'
import { type AgreementItem, STATUS_TEXT } from '../partners/types'
import { TasksCard } from './TasksCard'

export function HomePage() {
  const { t } = useTranslation()
  const user = useUser()
  const readsAgreements = ['admin', 'officer', 'coordinator', 'partner'].includes(user.role)
  const partners = useQuery({
    queryKey: ['institutions', 'home-card'],
    queryFn: () => api<Page<Institution>>('/api/institutions?partnersOnly=true&pageSize=8&sort=agreements&dir=desc'),
  })
  const ending = useQuery({
    queryKey: ['agreements', 'ending'],
    queryFn: () => api<Page<AgreementItem>>('/api/agreements?expiringWithin=180&sort=end&dir=asc&pageSize=8'),
    enabled: readsAgreements,
  })
  const next = user.role === 'admin' ? 'home.nextAdmin' : user.role === 'officer' ? 'home.nextOfficer' : 'home.nextOther'
  return (
    <Stack maw={1100}>
      <Title order={1}>{t('home.welcome', { name: user.name })}</Title>
      <Text>
        {t('home.role', { role: t(`roles.${user.role}`) })}{' '}
        {user.orgUnitName ? t('home.scopeUnit', { unit: user.orgUnitName }) : null}
        {user.institutionName ? t('home.scopeInstitution', { institution: user.institutionName }) : null}
      </Text>
      {['admin', 'officer', 'coordinator'].includes(user.role) && <TasksCard />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {readsAgreements ? (
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {t('home.ending')}
              </Title>
              <Badge
                variant="light"
                color={ending.data?.total ? 'orange' : 'gray'}
                styles={{ root: { color: ending.data?.total ? STATUS_TEXT.expiring : STATUS_TEXT.draft } }}
              >
                {ending.data ? `${ending.data.total}${ending.data.totalCapped ? '+' : ''}` : '…'}
              </Badge>
            </Group>
            {ending.data?.items.length === 0 ? <Text c="dimmed">{t('home.endingNone')}</Text> : null}
            <Table aria-label={t('home.ending')}>
              <Table.Tbody>
                {(ending.data?.items ?? []).map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm">
                        {a.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.endDate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <AnchorLink to="/agreements" search={{ expiringWithin: 180, sort: 'end', dir: 'asc' }} size="sm" mt="xs">
              {t('home.allEnding')}
            </AnchorLink>
          </Card>
        ) : null}
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('home.partners')}
            </Title>
            <Badge variant="light">{partners.data ? `${partners.data.total}${partners.data.totalCapped ? '+' : ''}` : '…'}</Badge>
          </Group>
          <Table striped aria-label={t('home.partnersHint')}>
            <Table.Tbody>
              {(partners.data?.items ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <AnchorLink to="/partners/$id" params={{ id: p.id }} size="sm">
                      {p.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td c="dimmed">{[p.city, countryName(p.country)].filter(Boolean).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <AnchorLink to="/partners" size="sm" mt="xs">
            {t('home.allPartners')}
          </AnchorLink>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('home.next')}
          </Title>
          <Text size="sm">{t(next)}</Text>
        </Card>
      </SimpleGrid>
    </Stack>
  )
}
