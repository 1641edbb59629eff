import { ActionIcon, Card, Group, Text } from '@mantine/core'
import { IconHeart, IconHeartFilled } from '@tabler/icons-react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AnchorLink } from '../../components/RouterLinks'
import { api } from '../../lib/api'
import { useSession } from '../../lib/session'
import { type CatalogItem, inLanguage } from './types'

/** The signed-in person's favourites; empty (and not asked for) when nobody is signed in. */
export function useFavourites() {
  const session = useSession()
  const signedIn = !!session.data?.user
  const list = useQuery({
    queryKey: ['favourites'],
    queryFn: () => api<{ items: CatalogItem[] }>('/api/me/favourites'),
    enabled: signedIn,
  })
  return { signedIn, items: list.data?.items ?? [] }
}

/** A heart that keeps an opportunity among the favourites, or takes it off. */
export function FavouriteButton({ item }: { item: CatalogItem }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const { signedIn, items } = useFavourites()
  if (!signedIn) return null
  const saved = items.some((f) => f.id === item.id)
  const toggle = async () => {
    await api(`/api/me/favourites/${item.id}`, { method: saved ? 'DELETE' : 'PUT' })
    await queryClient.invalidateQueries({ queryKey: ['favourites'] })
  }
  const title = inLanguage(item.title, i18n.language)
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      aria-pressed={saved}
      aria-label={`${t('catalog.favourite')}: ${title}`}
      onClick={() => void toggle()}
    >
      {saved ? <IconHeartFilled size={18} aria-hidden /> : <IconHeart size={18} aria-hidden />}
    </ActionIcon>
  )
}

/** The favourites, above the results, for a signed-in person who has any. */
export function FavouritesPanel() {
  const { t, i18n } = useTranslation()
  const { signedIn, items } = useFavourites()
  if (!signedIn || items.length === 0) return null
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('catalog.favourites')}>
      <Text fw={600} size="sm" mb={4}>
        {t('catalog.favourites')}
      </Text>
      <Group gap="md">
        {items.map((f) => (
          <AnchorLink key={f.id} to="/catalog/$id" params={{ id: f.id }} size="sm">
            {inLanguage(f.title, i18n.language)}
          </AnchorLink>
        ))}
      </Group>
    </Card>
  )
}
