import { Box, Container, Group } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '../../components/LanguageSwitcher'
import { AnchorLink } from '../../components/RouterLinks'

/** The frame of a page reached from the catalog: the way back, the language. */
export function CatalogFrame({ size, children }: { size: 'md' | 'xl'; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Box bg="gray.0" mih="100vh">
      <Container size={size} py="md">
        <Group component="header" justify="space-between" mb="md">
          <AnchorLink to="/catalog">{t('catalog.back')}</AnchorLink>
          <LanguageSwitcher compact />
        </Group>
        {children}
      </Container>
    </Box>
  )
}
