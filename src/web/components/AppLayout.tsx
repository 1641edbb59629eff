import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Image,
  Loader,
  Menu,
  NavLink,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconBook,
  IconBuildingBank,
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconFileCertificate,
  IconFileSearch,
  IconFileText,
  IconHome,
  IconLogout,
  IconMail,
  IconPlaneDeparture,
  IconSend,
  IconSettings,
  IconSpeakerphone,
  IconStethoscope,
  IconUser,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router'
import { Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../shared/roles'
import { NotificationBell } from '../features/notifications/NotificationBell'
import { isLanguage, rememberLanguage } from '../i18n'
import { api } from '../lib/api'
import { useHomeInstitution } from '../lib/home'
import { useUser } from '../lib/session'
import { LanguageSwitcher } from './LanguageSwitcher'

interface NavItem {
  to:
    | '/'
    | '/partners'
    | '/agreements'
    | '/network'
    | '/office/opportunities'
    | '/office/calls'
    | '/office/mobilities'
    | '/applications'
    | '/reviews'
    | '/nominations'
    | '/catalog'
    | '/reports/mobility'
    | '/admin/users'
    | '/admin/audit'
    | '/admin/settings'
    | '/admin/mail-templates'
  label: string
  icon: typeof IconHome
  roles?: Role[]
}

/** Navigation lists only what exists and what the role may open; modules add their entries here. */
const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome },
  { to: '/partners', label: 'nav.partners', icon: IconBuildingBank },
  {
    to: '/agreements',
    label: 'nav.agreements',
    icon: IconFileCertificate,
    roles: ['admin', 'officer', 'coordinator', 'partner'],
  },
  { to: '/network', label: 'nav.network', icon: IconWorld, roles: ['admin', 'officer', 'coordinator'] },
  { to: '/office/opportunities', label: 'nav.opportunities', icon: IconStethoscope, roles: ['admin', 'officer', 'coordinator'] },
  { to: '/office/calls', label: 'nav.calls', icon: IconSpeakerphone, roles: ['admin', 'officer', 'coordinator'] },
  { to: '/office/mobilities', label: 'nav.mobilities', icon: IconPlaneDeparture, roles: ['admin', 'officer', 'coordinator'] },
  { to: '/reports/mobility', label: 'nav.reports', icon: IconChartBar, roles: ['admin', 'officer', 'coordinator'] },
  { to: '/applications', label: 'nav.applications', icon: IconFileText, roles: ['student', 'staff'] },
  { to: '/reviews', label: 'nav.reviews', icon: IconChecklist, roles: ['reviewer', 'officer', 'admin', 'coordinator'] },
  { to: '/nominations', label: 'nav.nominations', icon: IconSend, roles: ['partner'] },
  { to: '/catalog', label: 'nav.catalog', icon: IconBook },
  { to: '/admin/users', label: 'nav.users', icon: IconUsers, roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', icon: IconFileSearch, roles: ['admin'] },
  { to: '/admin/settings', label: 'nav.settings', icon: IconSettings, roles: ['admin'] },
  { to: '/admin/mail-templates', label: 'nav.mailTemplates', icon: IconMail, roles: ['admin'] },
]

export function AppLayout() {
  const { t } = useTranslation()
  const user = useUser()
  const home = useHomeInstitution()
  const [opened, { toggle, close }] = useDisclosure()
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  const navigate = useNavigate()
  const queryClient = useQueryClient()

  // The account's language wins over the browser's once signed in.
  useEffect(() => {
    if (isLanguage(user.locale)) rememberLanguage(user.locale)
  }, [user.locale])

  const signOut = async () => {
    await api('/api/auth/sign-out', { method: 'POST' }).catch(() => undefined)
    queryClient.clear()
    await navigate({ to: '/sign-in' })
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#content" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Image src="/favicon.svg" alt="" h={28} w={28} />
            <div>
              <Text fw={700}>{t('app.name')}</Text>
              <Text size="xs" c="dimmed" visibleFrom="xs" lineClamp={1}>
                {home.data?.name}
              </Text>
            </div>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitcher compact />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.userMenu', { name: user.name })} data-testid="user-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar size="sm" color="meridian" name={user.name} />
                    <div className="hide-on-phone">
                      <Text size="sm" fw={500} lineClamp={1}>
                        {user.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`roles.${user.role}`)}
                      </Text>
                    </div>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.email}</Menu.Label>
                <Menu.Item component={Link} to="/account" leftSection={<IconUser size={16} aria-hidden />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item onClick={signOut} leftSection={<IconLogout size={16} aria-hidden />}>
                  {t('nav.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.main')}>
        <VisuallyHidden component="h2">{t('nav.main')}</VisuallyHidden>
        {NAV.filter((item) => !item.roles || item.roles.includes(user.role)).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<item.icon size={18} aria-hidden />}
            active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
            aria-current={(item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="content" tabIndex={-1}>
        <Suspense fallback={<Loader m="xl" role="status" aria-label={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
