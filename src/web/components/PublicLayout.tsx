import { Anchor, Box, Center, Group, Image, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useHomeInstitution } from '../lib/home'
import { LanguageSwitcher } from './LanguageSwitcher'

/** The frame of the pages used before signing in: the institution, a card, the language. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation()
  const home = useHomeInstitution()
  return (
    <Box bg="gray.0" mih="100vh" py="xl" px="md">
      <Center>
        <Stack w="100%" maw={440} gap="lg">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              {home.data?.hasLogo ? (
                <Image src={`/api/settings/institution/logo?v=${home.data.updatedAt}`} alt="" h={40} w="auto" fit="contain" />
              ) : (
                <Image src="/favicon.svg" alt="" h={36} w={36} />
              )}
              <div>
                <Text fw={700} size="lg">
                  {t('app.name')}
                </Text>
                {home.data ? (
                  <Text size="xs" c="dimmed">
                    {t('app.tagline', { institution: home.data.name })}
                  </Text>
                ) : null}
              </div>
            </Group>
            <LanguageSwitcher compact />
          </Group>
          <Paper component="main" withBorder shadow="sm" p="xl" radius="md">
            <Title order={1} size="h2" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            <Anchor href="/api/docs" size="xs" c="dimmed">
              API
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  )
}
