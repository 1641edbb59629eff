import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router'
import type { Role } from '../shared/roles'
import { AppLayout } from './components/AppLayout'
import { NotFound } from './components/NotFound'
import { AccountPage } from './features/account/AccountPage'
import { AuditPage, type AuditSearch } from './features/audit/AuditPage'
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage'
import { InvitationPage } from './features/auth/InvitationPage'
import { ResetPasswordPage } from './features/auth/ResetPasswordPage'
import { SignInPage } from './features/auth/SignInPage'
import { HomePage } from './features/home/HomePage'
import { SettingsPage } from './features/settings/SettingsPage'
import { UsersPage } from './features/users/UsersPage'
import { sessionQuery } from './lib/session'

interface RouterContext {
  queryClient: QueryClient
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
})

// Pages anyone can open.
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { next?: string } => (typeof s.next === 'string' ? { next: s.next } : {}),
  component: SignInPage,
})
const forgotRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage })
const resetRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reset-password', component: ResetPasswordPage })
const invitationRoute = createRoute({ getParentRoute: () => rootRoute, path: '/invitation', component: InvitationPage })

// Everything else needs a session; a page for some roles only also checks the role.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery)
    if (!session.user) throw redirect({ to: '/sign-in', search: { next: location.href === '/' ? undefined : location.href } })
    return { user: session.user }
  },
})

function onlyFor(...roles: Role[]) {
  return ({ context }: { context: { user: { role: Role } } }) => {
    if (!roles.includes(context.user.role)) throw redirect({ to: '/' })
  }
}

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage })
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/account', component: AccountPage })
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  beforeLoad: onlyFor('admin'),
  component: UsersPage,
})
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/audit',
  beforeLoad: onlyFor('admin'),
  validateSearch: (s: Record<string, unknown>): AuditSearch => ({
    entityType: typeof s.entityType === 'string' ? s.entityType : undefined,
    action: typeof s.action === 'string' ? s.action : undefined,
    actor: typeof s.actor === 'string' ? s.actor : undefined,
    from: typeof s.from === 'string' ? s.from : undefined,
    to: typeof s.to === 'string' ? s.to : undefined,
    page: typeof s.page === 'number' && s.page > 0 ? s.page : undefined,
  }),
  component: AuditPage,
})
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/settings',
  beforeLoad: onlyFor('admin'),
  component: SettingsPage,
})

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotRoute,
  resetRoute,
  invitationRoute,
  appRoute.addChildren([homeRoute, accountRoute, usersRoute, auditRoute, settingsRoute]),
])

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
