import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Rating,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { SurveyAnswersSchema, Survey as SurveySchema, SurveyView as SurveyViewSchema } from '../../../shared/api/surveys'
import { LANGUAGES } from '../../../shared/limits'
import { REVIEW_MAX, SURVEY_ASPECTS, type SurveyAspect } from '../../../shared/surveys'
import { ProblemAlert } from '../../components/ProblemAlert'
import { AnchorLink } from '../../components/RouterLinks'
import { formatDateTime } from '../../lib/format'
import { useMobilityCard } from './useMobilityCard'

// The survey as the API answers it: inferred from the server's schemas (src/shared/api).
export type SurveyAnswers = z.infer<typeof SurveyAnswersSchema>
export type Survey = z.infer<typeof SurveySchema>
type SurveyView = z.infer<typeof SurveyViewSchema>

export const SURVEY_STATUS_COLOUR = { pending: 'yellow', published: 'green', rejected: 'red' } as const

/** A rating from one to five stars, named for screen readers, with a way to take it back when it is optional. */
export function RatingField(props: {
  label: string
  value: number | null
  onChange: (v: number | null) => void
  optional?: boolean
  error?: string | null
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div role="radiogroup" aria-labelledby={id}>
      <Text id={id} size="sm" fw={500} mb={2}>
        {props.label}
      </Text>
      <Group gap="xs">
        <Rating
          value={props.value ?? 0}
          onChange={(v) => props.onChange(v || null)}
          getSymbolLabel={(v) => t('survey.stars', { count: v })}
          size="lg"
        />
        {props.optional && props.value !== null && (
          <Button variant="subtle" size="compact-xs" onClick={() => props.onChange(null)}>
            {t('survey.clear')}
          </Button>
        )}
      </Group>
      {props.error && (
        <Text size="xs" c="red">
          {props.error}
        </Text>
      )}
    </div>
  )
}

/** The stars of a rating that is only read, with the figure for everyone. */
export function Stars({ value, label }: { value: number; label?: string }) {
  const { t } = useTranslation()
  return (
    <Group gap={6} wrap="nowrap">
      <Rating value={value} fractions={10} readOnly size="sm" aria-hidden />
      <Text size="sm">{label ?? t('survey.outOfFive', { value: value.toFixed(1) })}</Text>
    </Group>
  )
}

/** The answers of a survey as the office and the student read them. */
export function SurveyAnswersView({ survey }: { survey: Survey | (SurveyAnswers & { officeNote?: string | null }) }) {
  const { t } = useTranslation()
  return (
    <Stack gap={6}>
      <Group gap="lg">
        <Stars value={survey.rating} />
        {SURVEY_ASPECTS.map((a) =>
          survey.aspects[a] === null ? null : (
            <Text key={a} size="sm" c="dimmed">
              {t(`survey.aspects.${a}`)}: {survey.aspects[a]}/5
            </Text>
          ),
        )}
        <Text size="sm">{t(survey.recommend ? 'survey.recommends' : 'survey.doesNotRecommend')}</Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {survey.review}
      </Text>
      {survey.officeNote ? (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          <strong>{t('survey.officeNote')}:</strong> {survey.officeNote}
        </Text>
      ) : null}
    </Stack>
  )
}

/** The completion survey on the mobility's page: the student answers it, the office publishes or rejects it. */
export function SurveyCard({ applicationId, opportunityId }: { applicationId: string; opportunityId: string | null }) {
  const { t } = useTranslation()
  const path = `/api/applications/${applicationId}/survey`
  const [editing, setEditing] = useState(false)
  const [reason, setReason] = useState('')
  const { found, send, busy, error } = useMobilityCard<SurveyView>(applicationId, 'survey', path, {
    refresh: [],
    after: () => {
      setEditing(false)
      setReason('')
    },
  })

  const v = found.data
  const s = v?.survey ?? null
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('survey.title')}
        </Title>
        {s && <Badge color={SURVEY_STATUS_COLOUR[s.status]}>{t(`survey.statuses.${s.status}`)}</Badge>}
      </Group>
      <ProblemAlert error={found.error ?? error} />
      {!v ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack gap="sm">
          {s?.status === 'rejected' && (
            <Alert color="red" title={t('survey.rejectedTitle')}>
              {s.rejection}
            </Alert>
          )}
          {s?.status === 'published' && (
            <Text size="sm">
              {t('survey.publishedOn', { date: formatDateTime(s.moderatedAt!) })}{' '}
              {opportunityId && (
                <AnchorLink to="/catalog/$id" params={{ id: opportunityId }}>
                  {t('survey.seeInCatalog')}
                </AnchorLink>
              )}
            </Text>
          )}
          {s?.status === 'pending' && <Text size="sm">{t('survey.pending')}</Text>}
          {v.actions.answer && (!s || s.status === 'rejected' || editing) ? (
            <SurveyForm
              initial={s}
              busy={busy === 'answer'}
              onSave={(answers) => send('answer', path, 'PUT', answers, t('survey.saved'))}
            />
          ) : s ? (
            <>
              <SurveyAnswersView survey={s} />
              {v.actions.answer && (
                <Group>
                  <Button variant="light" onClick={() => setEditing(true)}>
                    {t('survey.rewrite')}
                  </Button>
                </Group>
              )}
            </>
          ) : (
            <Text c="dimmed">{t('survey.notYet')}</Text>
          )}
          {(v.actions.publish || v.actions.reject) && (
            <ModerationBar
              canPublish={v.actions.publish}
              published={s?.status === 'published'}
              reason={reason}
              onReason={setReason}
              busy={busy}
              onPublish={() => send('publish', `${path}/publish`, 'POST', undefined, t('survey.publishedToast'))}
              onReject={() => send('reject', `${path}/reject`, 'POST', { reason }, t('survey.rejectedToast'))}
            />
          )}
        </Stack>
      )}
    </Paper>
  )
}

/** Publish, or reject (take back) with a reason the student is told. */
export function ModerationBar(props: {
  canPublish: boolean
  published: boolean
  reason: string
  onReason: (r: string) => void
  busy: string | null
  onPublish: () => void
  onReject: () => void
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs" mt="xs">
      <Textarea
        label={t(props.published ? 'survey.withdrawReason' : 'survey.rejectReason')}
        value={props.reason}
        onChange={(e) => props.onReason(e.currentTarget.value)}
        autosize
        minRows={1}
      />
      <Group>
        {props.canPublish && (
          <Button color="green" loading={props.busy === 'publish'} onClick={props.onPublish}>
            {t('survey.publish')}
          </Button>
        )}
        <Button color="red" variant="light" loading={props.busy === 'reject'} onClick={props.onReject}>
          {t(props.published ? 'survey.withdraw' : 'survey.reject')}
        </Button>
      </Group>
    </Stack>
  )
}

function SurveyForm({
  initial,
  busy,
  onSave,
}: {
  initial: Survey | null
  busy: boolean
  onSave: (answers: SurveyAnswers & { officeNote: string }) => void
}) {
  const { t, i18n } = useTranslation()
  const [rating, setRating] = useState<number | null>(initial?.rating ?? null)
  const [aspects, setAspects] = useState<Record<SurveyAspect, number | null>>(
    initial?.aspects ?? { supervision: null, welcome: null, housing: null },
  )
  const [recommend, setRecommend] = useState<string>(initial ? String(initial.recommend) : '')
  const [review, setReview] = useState(initial?.review ?? '')
  const [language, setLanguage] = useState(initial?.language ?? i18n.language.slice(0, 2))
  const [showName, setShowName] = useState(initial?.showName ?? false)
  const [officeNote, setOfficeNote] = useState(initial?.officeNote ?? '')
  const [missing, setMissing] = useState<{ rating?: boolean; recommend?: boolean }>({})
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language' })
  const submit = () => {
    // What the stars and the yes-or-no cannot say by themselves is asked for here; the rest the server checks.
    const gaps = { rating: rating === null, recommend: recommend === '' }
    setMissing(gaps)
    if (gaps.recommend || rating === null) return
    onSave({ rating, aspects, recommend: recommend === 'true', review, language, showName, officeNote })
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('survey.intro')}
      </Text>
      <RatingField
        label={t('survey.rating')}
        value={rating}
        onChange={setRating}
        error={missing.rating && rating === null ? t('survey.chooseStars') : null}
      />
      <Group gap="xl">
        {SURVEY_ASPECTS.map((a) => (
          <RatingField
            key={a}
            optional
            label={t(`survey.aspects.${a}`)}
            value={aspects[a]}
            onChange={(value) => setAspects((x) => ({ ...x, [a]: value }))}
          />
        ))}
      </Group>
      <div>
        <Text size="sm" fw={500} mb={2} id="survey-recommend">
          {t('survey.recommend')}
        </Text>
        <SegmentedControl
          aria-labelledby="survey-recommend"
          value={recommend}
          onChange={setRecommend}
          data={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        {missing.recommend && recommend === '' && (
          <Text size="xs" c="red">
            {t('survey.chooseYesNo')}
          </Text>
        )}
      </div>
      <Textarea
        label={t('survey.review')}
        description={t('survey.reviewHelp', { length: review.length, max: REVIEW_MAX })}
        value={review}
        maxLength={REVIEW_MAX}
        onChange={(e) => setReview(e.currentTarget.value)}
        autosize
        minRows={4}
      />
      <Group align="end">
        <Select
          label={t('survey.language')}
          value={language}
          allowDeselect={false}
          onChange={(l) => setLanguage(l ?? 'en')}
          data={LANGUAGES.map((l) => ({ value: l, label: languageNames.of(l) ?? l }))}
          w={220}
        />
        <Checkbox label={t('survey.showName')} checked={showName} onChange={(e) => setShowName(e.currentTarget.checked)} mb={8} />
      </Group>
      <Textarea
        label={t('survey.officeNote')}
        description={t('survey.officeNoteHelp')}
        value={officeNote}
        maxLength={REVIEW_MAX}
        onChange={(e) => setOfficeNote(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group>
        <Button loading={busy} onClick={submit}>
          {t(initial ? 'survey.resubmit' : 'survey.submit')}
        </Button>
      </Group>
    </Stack>
  )
}
