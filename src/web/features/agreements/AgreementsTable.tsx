import { Badge, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/RouterLinks'
import { formatDate } from '../../lib/format'
import { type AgreementItem, STATUS_COLORS, STATUS_TEXT } from '../partners/types'

export function StatusBadge({ status }: { status: AgreementItem['status'] }) {
  const { t } = useTranslation()
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      maw="none"
      // The light variant's own text colour is too pale on its background for WCAG AA.
      styles={{ root: { color: STATUS_TEXT[status] }, label: { overflow: 'visible' } }}
    >
      {t(`status.${status}`)}
    </Badge>
  )
}

/** Agreements as rows; `header` replaces the plain column titles (the list page makes them sortable). */
export function AgreementsTable({
  items,
  hideParty,
  header,
}: {
  items: AgreementItem[]
  hideParty?: string
  header?: ReactNode
}) {
  const { t } = useTranslation()
  const others = (a: AgreementItem) => a.parties.filter((p) => !p.isHome && p.institutionId !== hideParty)
  // On a partner's own page the partner column would only repeat the page's subject.
  const showPartners = !hideParty || items.some((a) => others(a).length > 0)
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover aria-label={t('agreements.title')}>
        <Table.Thead>
          {header ?? (
            <Table.Tr>
              <Table.Th>{t('agreements.reference')}</Table.Th>
              <Table.Th>{t('agreements.titleField')}</Table.Th>
              {showPartners ? <Table.Th>{t('agreements.partners')}</Table.Th> : null}
              <Table.Th>{t('agreements.status')}</Table.Th>
              <Table.Th>{t('agreements.start')}</Table.Th>
              <Table.Th>{t('agreements.end')}</Table.Th>
              <Table.Th>{t('agreements.places')}</Table.Th>
            </Table.Tr>
          )}
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <AnchorLink to="/agreements/$id" params={{ id: a.id }} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {a.reference}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {a.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`agreementKinds.${a.kind}`)}
                </Text>
              </Table.Td>
              {showPartners ? (
                <Table.Td>
                  {others(a).map((p) => (
                    <div key={p.institutionId}>
                      <AnchorLink to="/partners/$id" params={{ id: p.institutionId }} size="sm">
                        {p.name}
                      </AnchorLink>{' '}
                      <Text span size="xs" c="dimmed">
                        {p.country}
                      </Text>
                    </div>
                  ))}
                </Table.Td>
              ) : null}
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>{formatDate(a.startDate)}</Table.Td>
              <Table.Td>{formatDate(a.endDate)}</Table.Td>
              <Table.Td>{a.placesPerYear ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
