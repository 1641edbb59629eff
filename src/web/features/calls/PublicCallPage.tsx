import { Group, Paper, Stack, Table, Text, Title, TypographyStylesProvider } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink, ButtonLink } from '../../components/RouterLinks'
import { ToneBadge } from '../../components/ToneBadge'
import { api } from '../../lib/api'
import { countryName } from '../../lib/format'
import { CatalogFrame } from '../catalog/CatalogFrame'
import { useCatalogLabel } from '../catalog/labels'
import { inLanguage } from '../catalog/types'
import { CallTerms } from './CallTerms'
import { type Call, PHASE_TONES } from './types'

/** A published call as an applicant reads it: when, for whom, what it offers and how places are given. */
export function PublicCallPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const value = useCatalogLabel()
  const found = useQuery({ queryKey: ['public-call', id], queryFn: () => api<Call>(`/api/public/calls/${id}`) })
  const c = found.data
  return (
    <CatalogFrame size="md">
      <ProblemAlert error={found.error} />
      {c ? (
        <Paper component="main" withBorder p="xl" radius="md">
          <Stack>
            <Group gap="xs">
              <ToneBadge tone={PHASE_TONES[c.phase]} variant="light">
                {t(`calls.phases.${c.phase}`)}
              </ToneBadge>
              <ToneBadge tone="gray" variant="outline">
                {t(`calls.audiences.${c.audience}`)}
              </ToneBadge>
            </Group>
            <Title order={1}>{inLanguage(c.title, i18n.language)}</Title>
            {inLanguage(c.description, i18n.language) ? (
              <TypographyStylesProvider>
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (sanitize-html, an allow-list) when saved */}
                <div dangerouslySetInnerHTML={{ __html: inLanguage(c.description, i18n.language) }} />
              </TypographyStylesProvider>
            ) : null}
            <CallTerms call={c} />
            {c.phase === 'open' ? (
              <ButtonLink to="/apply/$callId" params={{ callId: c.id }} w="fit-content" size="md">
                {t('applications.applyNow')}
              </ButtonLink>
            ) : null}
            <Title order={2} size="h3">
              {t('calls.offered')}
            </Title>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calls.opportunity')}</Table.Th>
                  <Table.Th>{t('calls.host')}</Table.Th>
                  <Table.Th ta="right">{t('catalog.places')}</Table.Th>
                  <Table.Th ta="right">{t('calls.placesLeft')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.offers.map((o) => (
                  <Table.Tr key={o.opportunityId}>
                    <Table.Td>
                      <AnchorLink to="/catalog/$id" params={{ id: o.opportunityId }}>
                        {inLanguage(o.title, i18n.language)}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {value('kind', o.kind)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {o.host.name}
                      <Text size="xs" c="dimmed">
                        {[o.host.city, countryName(o.host.country)].filter(Boolean).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{o.places}</Table.Td>
                    <Table.Td ta="right">{o.placesLeft}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2}>{t('calls.total')}</Table.Th>
                  <Table.Th ta="right">{c.placesTotal}</Table.Th>
                  <Table.Th ta="right">{c.placesLeft}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
            <AnchorLink to="/calls" search={{ phase: c.phase }}>
              {t('calls.allCalls')}
            </AnchorLink>
          </Stack>
        </Paper>
      ) : null}
    </CatalogFrame>
  )
}
