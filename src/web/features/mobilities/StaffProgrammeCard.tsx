import { Badge, Button, Group, Loader, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProgrammeViewDto } from '../../../shared/api/mobilities'
import { ProblemAlert } from '../../components/ProblemAlert'
import { formatDate, formatDateTime } from '../../lib/format'
import { useMobilityCard } from './useMobilityCard'

type ProgrammeView = ProgrammeViewDto
type Programme = Omit<NonNullable<ProgrammeView['programme']>, 'status' | 'approvedAt'>

/** The programme of a staff visit: proposed by the visitor (or the office), approved by the office before it begins. */
export function StaffProgrammeCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation()
  const path = `/api/applications/${applicationId}/staff-programme`
  const [editing, setEditing] = useState(false)
  const { found, send, busy, error } = useMobilityCard<ProgrammeView>(applicationId, 'staff-programme', path, {
    refresh: ['mobility'],
    after: () => setEditing(false),
  })
  const v = found.data
  const p = v?.programme ?? null
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('staff.title')}
        </Title>
        {p && <Badge color={p.status === 'approved' ? 'green' : 'yellow'}>{t(`staff.statuses.${p.status}`)}</Badge>}
      </Group>
      <ProblemAlert error={found.error ?? error} />
      {!v ? (
        <Loader aria-label={t('common.loading')} />
      ) : v.actions.propose && (!p || editing) ? (
        <ProgrammeForm
          initial={p}
          teaching={v.teaching}
          busy={busy === 'propose'}
          onSave={(body) => send('propose', path, 'PUT', body, t('staff.proposed'))}
        />
      ) : p ? (
        <Stack gap={4}>
          <Text>
            <strong>{p.hostDepartment}</strong> · {formatDate(p.startsOn)} – {formatDate(p.endsOn)}
            {p.teachingHours ? ` · ${t('staff.hours', { count: p.teachingHours })}` : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {p.activities}
          </Text>
          {p.approvedAt && (
            <Text size="sm" c="dimmed">
              {t('staff.approvedAt', { when: formatDateTime(p.approvedAt) })}
            </Text>
          )}
          <Group mt="xs">
            {v.actions.approve && (
              <Button
                color="green"
                loading={busy === 'approve'}
                onClick={() => send('approve', `${path}/approve`, 'POST', undefined, t('staff.approved'))}
              >
                {t('staff.approve')}
              </Button>
            )}
            {v.actions.propose && (
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('staff.change')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Text c="dimmed">{t('staff.none')}</Text>
      )}
    </Paper>
  )
}

function ProgrammeForm(props: { initial: Programme | null; teaching: boolean; busy: boolean; onSave: (p: Programme) => void }) {
  const { t } = useTranslation()
  const [p, setP] = useState<Programme>(
    props.initial ?? { hostDepartment: '', startsOn: '', endsOn: '', activities: '', teachingHours: null },
  )
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('staff.intro')}
      </Text>
      <TextInput
        label={t('staff.department')}
        value={p.hostDepartment}
        onChange={(e) => setP({ ...p, hostDepartment: e.currentTarget.value })}
      />
      <Group>
        <TextInput
          type="date"
          label={t('staff.from')}
          value={p.startsOn}
          onChange={(e) => setP({ ...p, startsOn: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('staff.to')}
          value={p.endsOn}
          onChange={(e) => setP({ ...p, endsOn: e.currentTarget.value })}
        />
        {props.teaching && (
          <NumberInput
            label={t('staff.teachingHours')}
            value={p.teachingHours ?? ''}
            allowDecimal={false}
            clampBehavior="none"
            onChange={(n) => setP({ ...p, teachingHours: typeof n === 'number' ? n : null })}
            w={160}
          />
        )}
      </Group>
      <Textarea
        label={t('staff.activities')}
        description={t('staff.activitiesHint')}
        value={p.activities}
        onChange={(e) => setP({ ...p, activities: e.currentTarget.value })}
        autosize
        minRows={3}
      />
      <Group>
        <Button loading={props.busy} onClick={() => props.onSave(p)}>
          {t('staff.propose')}
        </Button>
      </Group>
    </Stack>
  )
}
