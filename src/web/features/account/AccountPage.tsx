import { Card, SimpleGrid, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiTokens } from './ApiTokens'
import { PasswordForm } from './PasswordForm'
import { ProfileForm } from './ProfileForm'

export function AccountPage() {
  const { t } = useTranslation()
  return (
    <Stack maw={900}>
      <Title order={1}>{t('account.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <ProfileForm />
        </Card>
        <Card withBorder>
          <PasswordForm />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <ApiTokens />
      </Card>
    </Stack>
  )
}
