import { List, SimpleGrid, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { type Call, inReadersZone, inZone } from './types'

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  )
}

/** When a call runs (in its own time zone, and the reader's when different), who may apply, and how places are given. */
export function CallTerms({ call: c }: { call: Call }) {
  const { t } = useTranslation()
  const when = (iso: string) => {
    const mine = inReadersZone(iso, c.timeZone)
    return (
      <>
        {inZone(iso, c.timeZone)}
        {mine ? (
          <Text size="xs" c="dimmed">
            {t('calls.yourTime', { when: mine })}
          </Text>
        ) : null}
      </>
    )
  }
  const e = c.eligibility
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Term label={t('calls.opens')}>{when(c.opensAt)}</Term>
      <Term label={t('calls.closes')}>{when(c.closesAt)}</Term>
      <Term label={t('calls.academicYear')}>{c.academicYear}</Term>
      <Term label={t('calls.maxChoices')}>{t('calls.choices', { count: c.maxChoices })}</Term>
      <Term label={t('calls.eligibility')}>
        <List size="sm">
          {e.yearsOfStudy.length ? <List.Item>{t('calls.yearsOfStudy', { years: e.yearsOfStudy.join(', ') })}</List.Item> : null}
          {e.minGrade !== null ? <List.Item>{t('calls.minGrade', { grade: e.minGrade })}</List.Item> : null}
          {e.programmes.length ? <List.Item>{t('calls.programmes', { list: e.programmes.join(', ') })}</List.Item> : null}
          {e.notes ? <List.Item>{e.notes}</List.Item> : null}
          {!e.yearsOfStudy.length && e.minGrade === null && !e.programmes.length && !e.notes ? (
            <List.Item>{t('calls.everyone')}</List.Item>
          ) : null}
        </List>
      </Term>
      <Term label={t('calls.requiredDocuments')}>
        {c.requiredDocuments.length ? <DocumentList kinds={c.requiredDocuments} /> : '—'}
      </Term>
      <Term label={t('calls.criteria')}>
        <List size="sm">
          {c.criteria.map((k) => (
            <List.Item key={k.key}>
              {k.label} — {k.weight}%
            </List.Item>
          ))}
        </List>
      </Term>
    </SimpleGrid>
  )
}

/** The documents a call asks for, as a list. */
export function DocumentList({ kinds }: { kinds: string[] }) {
  const { t } = useTranslation()
  return (
    <List size="sm">
      {kinds.map((d) => (
        <List.Item key={d}>{t(`calls.documents.${d}`)}</List.Item>
      ))}
    </List>
  )
}
