import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { NominationCallDto, PartnerNominationDto } from '../../../shared/api/nominations'
import { ProblemAlert } from '../../components/ProblemAlert'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { formatDate, formatDateTime } from '../../lib/format'
import { useAction } from '../../lib/useAction'
import { useSubmit } from '../../lib/useSubmit'
import { STATUS_TONES } from '../applications/types'
import { inLanguage } from '../catalog/types'

type NominationCall = NominationCallDto
type OurNomination = PartnerNominationDto

const LIST = ['partner-incoming-nominations']

/**
 * A partner coordinator nominates their own students to our electives: they are invited, find a
 * draft application with the elective chosen, and complete it themselves (decision 032).
 */
export function OurElectivesCard() {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const calls = useQuery({
    queryKey: ['partner-incoming-calls'],
    queryFn: () => api<NominationCall[]>('/api/partner/incoming-calls'),
  })
  const list = useQuery({ queryKey: LIST, queryFn: () => api<OurNomination[]>('/api/partner/incoming-nominations') })
  const form = useForm({ initialValues: { callId: '', opportunityId: '', name: '', email: '' } })
  const { onSubmit, busy, error } = useSubmit(form, async (v) => {
    await api('/api/partner/incoming-nominations', {
      method: 'POST',
      body: { callId: v.callId, opportunityId: v.opportunityId, name: v.name, email: v.email.trim() },
    })
    notifications.show({ color: 'green', message: t('ourElectives.sent', { name: v.name }) })
    form.setValues({ name: '', email: '' })
    await queryClient.invalidateQueries({ queryKey: LIST })
  })
  const withdraw = useAction()
  const call = calls.data?.find((c) => c.id === form.values.callId)
  const title = (v: Record<string, string>) => inLanguage(v, i18n.language)

  return (
    <Card withBorder>
      <Title order={2} size="h3">
        {t('ourElectives.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('ourElectives.intro')}
      </Text>
      <ProblemAlert error={calls.error ?? list.error ?? withdraw.error} />
      {calls.data?.length === 0 ? (
        <Text size="sm">{t('ourElectives.noCalls')}</Text>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <ProblemAlert error={error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('ourElectives.call')}
                searchable
                data={(calls.data ?? []).map((c) => ({
                  value: c.id,
                  label: `${title(c.title)} (${t('ourElectives.closes', { when: formatDateTime(c.closesAt) })})`,
                }))}
                allowDeselect={false}
                {...form.getInputProps('callId')}
                onChange={(v) => form.setValues({ callId: v ?? '', opportunityId: '' })}
              />
              <Select
                label={t('ourElectives.elective')}
                searchable
                data={(call?.opportunities ?? []).map((o) => ({ value: o.id, label: title(o.title) }))}
                disabled={!call}
                allowDeselect={false}
                {...form.getInputProps('opportunityId')}
              />
              <TextInput label={t('ourElectives.name')} {...form.getInputProps('name')} />
              <TextInput label={t('ourElectives.email')} type="email" {...form.getInputProps('email')} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={busy}>
                {t('ourElectives.nominate')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {list.data?.length ? (
        <Table.ScrollContainer minWidth={700} mt="md">
          <Table striped aria-label={t('ourElectives.listed')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ourElectives.name')}</Table.Th>
                <Table.Th>{t('ourElectives.elective')}</Table.Th>
                <Table.Th>{t('nominations.nominatedOn')}</Table.Th>
                <Table.Th>{t('office.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    {n.name}
                    <Text size="xs" c="dimmed">
                      {n.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {title(n.opportunityTitle)}
                    <Text size="xs" c="dimmed">
                      {title(n.callTitle)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(n.createdAt)}</Table.Td>
                  <Table.Td>
                    <ToneBadge
                      tone={n.status === 'invited' ? 'gray' : STATUS_TONES[n.status]}
                      variant="light"
                      style={{ minWidth: 'max-content' }}
                    >
                      {n.status === 'invited' ? t('ourElectives.invited') : t(`applications.statuses.${n.status}`)}
                    </ToneBadge>
                  </Table.Td>
                  <Table.Td>
                    {n.status === 'invited' || n.status === 'draft' ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        loading={withdraw.busy === n.id}
                        onClick={() =>
                          withdraw.run(n.id, async () => {
                            await api(`/api/partner/incoming-nominations/${n.id}`, { method: 'DELETE' })
                            await queryClient.invalidateQueries({ queryKey: LIST })
                          })
                        }
                      >
                        {t('ourElectives.withdraw')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  )
}
