import { Badge, Button, Divider, Group, Paper, Progress, Rating, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { CatalogReviews as CatalogReviewsSchema } from '../../../shared/api/surveys'
import { PAGE_SIZE_MAX } from '../../../shared/limits'
import { SURVEY_ASPECTS } from '../../../shared/surveys'
import { ProblemAlert } from '../../components/ProblemAlert'
import { api } from '../../lib/api'

/** The published reviews of a place, as the API answers them (src/shared/api). */
type Reviews = z.infer<typeof CatalogReviewsSchema>

const PAGE = 10

/** What students who went said about an opportunity: the reviews the office has published, with their averages. */
export default function CatalogReviews({ opportunityId }: { opportunityId: string }) {
  const { t, i18n } = useTranslation()
  const [shown, setShown] = useState(PAGE)
  const found = useQuery({
    queryKey: ['catalog', 'reviews', opportunityId, shown],
    queryFn: () => api<Reviews>(`/api/catalog/${opportunityId}/reviews?pageSize=${shown}`),
    placeholderData: (previous) => previous,
  })
  const r = found.data
  const languageName = new Intl.DisplayNames([i18n.language], { type: 'language' })
  return (
    <section aria-labelledby="reviews-title">
      <Divider mb="md" />
      <Title order={2} size="h3" id="reviews-title" mb="xs">
        {t('catalogReviews.title')}
      </Title>
      <ProblemAlert error={found.error} />
      {r && r.count === 0 && <Text c="dimmed">{t('catalogReviews.none')}</Text>}
      {r && r.count > 0 && r.rating !== null && (
        <Stack gap="md">
          <Group gap="xl" align="flex-start">
            <div>
              <Group gap="xs">
                <Text fz={32} fw={700} lh={1}>
                  {r.rating.toFixed(1)}
                </Text>
                <Rating value={r.rating} fractions={10} readOnly aria-hidden />
              </Group>
              <Text size="sm" c="dimmed">
                {t('catalogReviews.summary', { count: r.count, value: r.rating.toFixed(1) })}
              </Text>
              {r.recommendShare !== null && (
                <Text size="sm">{t('catalogReviews.recommendShare', { share: r.recommendShare })}</Text>
              )}
            </div>
            <Stack gap={6} miw={240}>
              {SURVEY_ASPECTS.map((a) =>
                r.aspects[a] === null ? null : (
                  <div key={a}>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm">{t(`survey.aspects.${a}`)}</Text>
                      <Text size="sm" fw={600}>
                        {r.aspects[a]!.toFixed(1)}
                      </Text>
                    </Group>
                    <Progress value={(r.aspects[a]! / 5) * 100} size="sm" aria-hidden />
                  </div>
                ),
              )}
            </Stack>
          </Group>
          {r.items.map((item) => (
            <Paper key={item.publishedAt + item.review.slice(0, 20)} withBorder p="sm" component="article">
              <Group gap="xs" mb={4}>
                <Rating value={item.rating} readOnly size="xs" aria-hidden />
                <Text size="sm" fw={600}>
                  {t('survey.outOfFive', { value: item.rating })}
                </Text>
                <Text size="sm" c="dimmed">
                  {[item.author ?? t('catalogReviews.anonymous'), item.year].filter(Boolean).join(' · ')}
                </Text>
                {item.recommend && (
                  <Badge variant="light" color="teal">
                    {t('catalogReviews.recommends')}
                  </Badge>
                )}
                {item.language !== i18n.language.slice(0, 2) && (
                  <Badge variant="outline" color="gray">
                    {t('catalogReviews.writtenIn', { language: languageName.of(item.language) ?? item.language })}
                  </Badge>
                )}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang={item.language}>
                {item.review}
              </Text>
            </Paper>
          ))}
          {r.items.length < r.count && shown < PAGE_SIZE_MAX && (
            <Group>
              <Button variant="light" onClick={() => setShown((n) => n + PAGE)} loading={found.isFetching}>
                {t('catalogReviews.more')}
              </Button>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {t('catalogReviews.moderated')}
          </Text>
        </Stack>
      )}
    </section>
  )
}
