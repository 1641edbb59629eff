import { Alert, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { lazy, Suspense, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { ISCED_FIELDS } from '../../../shared/agreements'
import {
  defaultReportYears,
  type FlowFigures,
  type FlowRow,
  type MobilityReport,
  REPORT_GROUPS,
  type ReportAudience,
  type ReportGroup,
} from '../../../shared/reports'
import { ExportButtons } from '../../components/ListTools'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'

const FlowChart = lazy(() => import('./FlowChart').then((m) => ({ default: m.FlowChart })))

export interface ReportSearch {
  from?: string
  to?: string
  groupBy?: ReportGroup
  direction?: 'outgoing' | 'incoming'
  audience?: ReportAudience
}

const today = () => new Date().toISOString().slice(0, 10)

/** The years the pickers offer: from 2015 to two years after the current one. */
function yearOptions(): string[] {
  const last = Number(defaultReportYears(today()).to.slice(0, 4)) + 1
  const years: string[] = []
  for (let y = last; y >= 2015; y--) years.push(`${y}/${y + 1}`)
  return years
}

/** The figures of the table, in their order; `planned` is shown only where agreements say. */
const COLUMNS = ['applied', 'placed', 'realised', 'completed', 'recognised', 'credits', 'days'] as const

/**
 * The mobility report: what the lifecycle made real per year, partner, country, kind, field or
 * unit, beside the places agreements plan, with a chart of the years and the same table to export.
 * Its filters live in the URL, so a report can be shared.
 */
export function MobilityReportPage({ search }: { search: ReportSearch }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate({ from: '/reports/mobility' })
  const set = (patch: Partial<ReportSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }) })
  const groupBy = search.groupBy ?? 'year'
  const params = new URLSearchParams(
    Object.entries({ ...search, groupBy }).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
  const report = useQuery({
    queryKey: ['reports', 'mobility', params.toString()],
    queryFn: () => api<MobilityReport>(`/api/reports/mobility?${params}`),
  })
  const years = useMemo(yearOptions, [])
  const defaults = defaultReportYears(today())
  const r = report.data
  const showsPlanned = r?.totals.planned !== null

  const labelOf = (row: FlowRow): string => {
    if (row.key === null) return t(groupBy === 'unit' ? 'reports.institutionWide' : 'reports.notRecorded')
    if (groupBy === 'country') return countryName(row.key)
    if (groupBy === 'kind') return t(`catalog.values.kind.${row.key}`)
    if (groupBy === 'field') return ISCED_FIELDS[row.key] ? `${row.key} ${ISCED_FIELDS[row.key]}` : row.key
    return row.label
  }
  const seriesLabels = useMemo(
    () => ({
      outgoingStudents: t('reports.series.outgoingStudents'),
      outgoingStaff: t('reports.series.outgoingStaff'),
      incomingStudents: t('reports.series.incomingStudents'),
      incomingStaff: t('reports.series.incomingStaff'),
      planned: t('reports.series.planned'),
    }),
    [t],
  )
  const number = (n: number) => n.toLocaleString(i18n.language)
  // Measured by the mobilities the plan was made for, not by every one in the row (decision 033).
  const share = (f: FlowFigures) => (f.planned ? `${Math.round(((f.inPlan ?? 0) / f.planned) * 100)}%` : '—')

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>{t('reports.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('reports.intro')}
          </Text>
        </div>
        <ExportButtons path="/api/reports/mobility/export" params={params} />
      </Group>
      <Group align="end" wrap="wrap">
        <Select
          label={t('reports.from')}
          data={years}
          value={search.from ?? defaults.from}
          onChange={(v) => v && set({ from: v })}
          allowDeselect={false}
          w={130}
        />
        <Select
          label={t('reports.to')}
          data={years}
          value={search.to ?? defaults.to}
          onChange={(v) => v && set({ to: v })}
          allowDeselect={false}
          w={130}
        />
        <Select
          label={t('reports.direction')}
          data={[
            { value: 'all', label: t('reports.both') },
            { value: 'outgoing', label: t('reports.outgoing') },
            { value: 'incoming', label: t('reports.incoming') },
          ]}
          value={search.direction ?? 'all'}
          onChange={(v) => set({ direction: v === 'outgoing' || v === 'incoming' ? v : undefined })}
          allowDeselect={false}
          w={170}
        />
        <Select
          label={t('reports.audience')}
          data={[
            { value: 'all', label: t('reports.everyone') },
            { value: 'students', label: t('reports.students') },
            { value: 'staff', label: t('reports.staff') },
          ]}
          value={search.audience ?? 'all'}
          onChange={(v) => set({ audience: v === 'students' || v === 'staff' ? v : undefined })}
          allowDeselect={false}
          w={220}
        />
      </Group>
      <ProblemAlert error={report.error} />
      {!r ? (
        !report.error && <Loader aria-label={t('common.loading')} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('reports.figures.realised')} value={number(r.totals.realised)} />
            <Figure label={t('reports.figures.completed')} value={number(r.totals.completed)} />
            <Figure label={t('reports.figures.credits')} value={number(r.totals.credits)} />
            <Figure
              label={t('reports.figures.planned')}
              value={
                r.totals.planned === null
                  ? '—'
                  : t('reports.ofPlanned', { share: share(r.totals), planned: number(r.totals.planned) })
              }
            />
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              {t('reports.chartTitle')}
            </Title>
            <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
              <FlowChart
                years={r.years}
                labels={seriesLabels}
                label={r.years
                  .map((y) =>
                    t('reports.chartYear', {
                      year: y.academicYear,
                      out: y.outgoingStudents + y.outgoingStaff,
                      in: y.incomingStudents + y.incomingStaff,
                      planned: y.planned,
                    }),
                  )
                  .join('; ')}
              />
            </Suspense>
          </Paper>
          <Group justify="space-between" align="end">
            <Title order={2} size="h4">
              {t('reports.tableTitle')}
            </Title>
            <SegmentedControl
              aria-label={t('reports.groupBy')}
              value={groupBy}
              onChange={(v) => set({ groupBy: v as ReportGroup })}
              data={REPORT_GROUPS.map((g) => ({ value: g, label: t(`reports.groups.${g}`) }))}
            />
          </Group>
          {r.rows.length === 0 ? (
            <Alert>{t('reports.empty')}</Alert>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover aria-label={t('reports.tableTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`reports.groups.${groupBy}`)}</Table.Th>
                    {COLUMNS.map((c) => (
                      <Table.Th key={c} ta="right">
                        {t(`reports.columns.${c}`)}
                      </Table.Th>
                    ))}
                    {showsPlanned && (
                      <>
                        <Table.Th ta="right">{t('reports.columns.planned')}</Table.Th>
                        <Table.Th ta="right">{t('reports.columns.share')}</Table.Th>
                      </>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.rows.map((row) => (
                    <Table.Tr key={row.key ?? 'none'}>
                      <Table.Td>
                        {groupBy === 'partner' && row.key ? (
                          <AnchorLink to="/partners/$id" params={{ id: row.key }}>
                            {labelOf(row)}
                          </AnchorLink>
                        ) : (
                          labelOf(row)
                        )}
                        {row.country && groupBy === 'partner' && (
                          <Text span size="xs" c="dimmed" ml={6}>
                            {countryName(row.country)}
                          </Text>
                        )}
                      </Table.Td>
                      <FigureCells f={row} showsPlanned={showsPlanned} number={number} share={share} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Th>{t('reports.total')}</Table.Th>
                    <FigureCells f={r.totals} showsPlanned={showsPlanned} number={number} share={share} />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="xs" c="dimmed">
            {t('reports.definitions')}
          </Text>
        </>
      )}
    </Stack>
  )
}

function FigureCells({
  f,
  showsPlanned,
  number,
  share,
}: {
  f: FlowFigures
  showsPlanned: boolean
  number: (n: number) => string
  share: (f: FlowFigures) => string
}) {
  const { t } = useTranslation()
  return (
    <>
      {COLUMNS.map((c) => (
        <Table.Td key={c} ta="right">
          {number(f[c])}
          {c === 'realised' && f.realised > f.completed && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {[
                f.preparing > 0 && t('reports.stages.preparing', { count: f.preparing }),
                f.abroad > 0 && t('reports.stages.abroad', { count: f.abroad }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          )}
        </Table.Td>
      ))}
      {showsPlanned && (
        <>
          <Table.Td ta="right">{f.planned === null ? '—' : number(f.planned)}</Table.Td>
          <Table.Td ta="right">{share(f)}</Table.Td>
        </>
      )}
    </>
  )
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  )
}
