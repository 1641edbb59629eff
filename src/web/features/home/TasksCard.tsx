import { Alert, Badge, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TaskGroupDto } from '../../../shared/api/comms'
import type { TaskKind } from '../../../shared/tasks'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'

type TaskGroup = TaskGroupDto

/** Where each kind of task is done (the same places the daily digest links to). */
function TaskLink({ kind, applicationId, children }: { kind: TaskKind; applicationId: string; children: string }) {
  if (kind === 'surveysToModerate') return <AnchorLink to="/office/surveys">{children}</AnchorLink>
  if (kind === 'toNominate' || kind === 'deletionRequests')
    return (
      <AnchorLink to="/office/applications/$id" params={{ id: applicationId }}>
        {children}
      </AnchorLink>
    )
  if (kind === 'agreementsToSign')
    return (
      <AnchorLink to="/learning-agreements/$applicationId" params={{ applicationId }}>
        {children}
      </AnchorLink>
    )
  return (
    <AnchorLink to="/mobilities/$applicationId" params={{ applicationId }}>
      {children}
    </AnchorLink>
  )
}

/** What is waiting for the office person, by kind, with the first few people and a link to each. */
export function TasksCard() {
  const { t } = useTranslation()
  const found = useQuery({ queryKey: ['me', 'tasks'], queryFn: () => api<{ groups: TaskGroup[] }>('/api/me/tasks') })
  const total = found.data?.groups.reduce((s, g) => s + g.count, 0) ?? 0
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('tasks.title')}
        </Title>
        <Badge color={total ? 'orange' : 'gray'} variant="light">
          {found.data ? total : '…'}
        </Badge>
      </Group>
      <ProblemAlert error={found.error} />
      {!found.data ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : found.data.groups.length === 0 ? (
        <Alert color="green">{t('tasks.none')}</Alert>
      ) : (
        <Stack gap="sm">
          {found.data.groups.map((g) => (
            <section key={g.kind} aria-label={t(`tasks.kinds.${g.kind}`, { count: g.count })}>
              <Text fw={600} size="sm">
                {t(`tasks.kinds.${g.kind}`, { count: g.count })}
              </Text>
              <List size="sm">
                {g.items.map((i) => (
                  <List.Item key={i.applicationId}>
                    <TaskLink kind={g.kind} applicationId={i.applicationId}>
                      {i.student}
                    </TaskLink>
                  </List.Item>
                ))}
                {g.count > g.items.length && <List.Item>{t('tasks.more', { count: g.count - g.items.length })}</List.Item>}
              </List>
            </section>
          ))}
        </Stack>
      )}
    </Card>
  )
}
