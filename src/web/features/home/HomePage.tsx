import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'
import { useUser } from '../../lib/session'
import type { Institution, Page } from '../../lib/types'

export function HomePage() {
  const { t } = useTranslation()
  const user = useUser()
  const partners = useQuery({
    queryKey: ['institutions', 'partners'],
    queryFn: () => api<Page<Institution>>('/api/institutions?partnersOnly=true&pageSize=200').then((p) => p.items),
  })
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('home.welcome', { name: user.name })}</Title>
      <Text>
        {t('home.role', { role: t(`roles.${user.role}`) })}{' '}
        {user.orgUnitName ? t('home.scopeUnit', { unit: user.orgUnitName }) : null}
        {user.institutionName ? t('home.scopeInstitution', { institution: user.institutionName }) : null}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('home.partners')}
            </Title>
            <Badge variant="light">{partners.data?.length ?? '…'}</Badge>
          </Group>
          <Table striped aria-label={t('home.partnersHint')}>
            <Table.Tbody>
              {(partners.data ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td c="dimmed">{[p.city, countryName(p.country)].filter(Boolean).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('home.next')}
          </Title>
          <Text size="sm">{user.role === 'admin' ? t('home.nextAdmin') : t('home.nextOther')}</Text>
        </Card>
      </SimpleGrid>
    </Stack>
  )
}
