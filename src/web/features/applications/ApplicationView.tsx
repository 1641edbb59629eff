import { Group, Paper, SimpleGrid, Stack, Text, Title, TypographyStylesProvider } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ToneBadge } from '../../components/ToneBadge'
import { countryName, formatDateTime, languageName } from '../../lib/format'
import { inLanguage } from '../catalog/types'
import { ApplicationDocuments } from './ApplicationDocuments'
import { UnmetList } from './Explain'
import { type Application, STATUS_TONES } from './types'

/** An application as the office, its reviewers and the host read it. */
export function ApplicationView({ application: a, office = false }: { application: Application; office?: boolean }) {
  const { t, i18n } = useTranslation()
  const p = a.profile
  const field = (label: string, value: string | number | null) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </div>
  )
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{a.applicant.name}</Title>
          <Text size="sm" c="dimmed">
            {inLanguage(a.call.title, i18n.language)}
            {a.applicant.email ? ` · ${a.applicant.email}` : ''}
            {a.submittedAt ? ` · ${t('applications.submittedOn', { when: formatDateTime(a.submittedAt) })}` : ''}
          </Text>
        </div>
        <ToneBadge tone={STATUS_TONES[a.status]} variant="light" size="lg">
          {t(`applications.statuses.${a.status}`)}
        </ToneBadge>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {field(t('applications.studentNumber'), p.studentNumber)}
          {field(t('applications.yearOfStudy'), p.yearOfStudy)}
          {field(t('applications.programme'), p.programme)}
          {field(t('applications.gradeAverage'), p.gradeAverage)}
          {field(
            t('applications.languages'),
            Object.entries(p.languages)
              .map(([l, level]) => `${languageName(l)} ${level}`)
              .join(', ') || null,
          )}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('applications.rankedChoices')}
        </Title>
        {a.choices.map((c) => (
          <div key={c.opportunityId}>
            <Text size="sm">
              {c.rank}. {inLanguage(c.title, i18n.language)} — {c.host.name}, {countryName(c.host.country)}
            </Text>
            <UnmetList unmet={c.unmet} />
          </div>
        ))}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('applications.motivation')}
        </Title>
        <TypographyStylesProvider>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.motivation || '—'}
          </Text>
        </TypographyStylesProvider>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('applications.documents')}
        </Title>
        <ApplicationDocuments application={a} editable={false} viewer={office ? 'office' : 'other'} />
      </Paper>
    </Stack>
  )
}
