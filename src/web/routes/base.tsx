import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router'
import { Suspense } from 'react'
import type { Role } from '../../shared/roles'
import { NotFound } from '../components/NotFound'
import { sessionQuery } from '../lib/session'
import { AppLayout } from '../pages'

// The root of the routes and the signed-in layout, which the areas' routes hang from.

export interface RouterContext {
  queryClient: QueryClient
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: function Root() {
    return (
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    )
  },
  notFoundComponent: NotFound,
})

// Everything else needs a session; a page for some roles only also checks the role.
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery)
    if (!session.user) throw redirect({ to: '/sign-in', search: { next: location.href === '/' ? undefined : location.href } })
    return { user: session.user }
  },
})

export function onlyFor(...roles: Role[]) {
  return ({ context }: { context: { user: { role: Role } } }) => {
    if (!roles.includes(context.user.role)) throw redirect({ to: '/' })
  }
}

/** Roles of the international office. */
export const OFFICE = ['admin', 'officer', 'coordinator'] as const
