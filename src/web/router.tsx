import type { QueryClient } from '@tanstack/react-query'
import { createRoute, createRouter } from '@tanstack/react-router'
import { validateAgreementsSearch } from './features/agreements/search'
import type { AuditSearch } from './features/audit/AuditPage'
import { SignInPage } from './features/auth/SignInPage'
import { validateCatalogSearch } from './features/catalog/search'
import { validatePartnersSearch } from './features/partners/search'
import type { MailTemplatesSearch } from './features/settings/MailTemplatesPage'
import { isLanguage } from './i18n'
import {
  AccountPage,
  AgreementDetailPage,
  AgreementFormPage,
  AgreementsPage,
  AuditPage,
  CallApplicationsPage,
  CallFormPage,
  CallsOfficePage,
  CatalogDetailPage,
  CatalogPage,
  ComparePage,
  ForgotPasswordPage,
  HomePage,
  ImportPage,
  InstitutionFormPage,
  InvitationPage,
  MailTemplatesPage,
  NetworkMapPage,
  NotificationsPage,
  OpportunitiesPage,
  OpportunityFormPage,
  PartnerProfilePage,
  PartnersPage,
  PublicCallPage,
  PublicCallsPage,
  ResetPasswordPage,
  SettingsPage,
  UsersPage,
} from './pages'
import { appRoute, OFFICE, onlyFor, rootRoute } from './routes/base'
import { mobilityRoutes } from './routes/mobility'
import { reportRoutes } from './routes/reports'

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
// The public catalog, open without signing in.
const catalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog',
  validateSearch: validateCatalogSearch,
  component: function Catalog() {
    return <CatalogPage search={catalogRoute.useSearch()} />
  },
})
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog/compare',
  validateSearch: (s: Record<string, unknown>): { ids?: string } => (typeof s.ids === 'string' && s.ids ? { ids: s.ids } : {}),
  component: function Compare() {
    const ids = compareRoute.useSearch().ids
    return <ComparePage ids={ids ? ids.split(',').filter(Boolean).slice(0, 4) : []} />
  },
})
const catalogItemRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/catalog/$id',
  component: function CatalogItem() {
    return <CatalogDetailPage id={catalogItemRoute.useParams().id} />
  },
})

const PHASES = ['open', 'upcoming', 'closed'] as const
const publicCallsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/calls',
  validateSearch: (s: Record<string, unknown>): { phase?: (typeof PHASES)[number] } =>
    PHASES.includes(s.phase as never) ? { phase: s.phase as (typeof PHASES)[number] } : {},
  component: function PublicCalls() {
    return <PublicCallsPage phase={publicCallsRoute.useSearch().phase ?? 'open'} />
  },
})
const publicCallRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/calls/$id',
  component: function PublicCall() {
    const { id } = publicCallRoute.useParams()
    return <PublicCallPage id={id} key={id} />
  },
})

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

const mailTemplatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/mail-templates',
  beforeLoad: onlyFor('admin'),
  validateSearch: (s: Record<string, unknown>): MailTemplatesSearch => ({
    // The page checks the key against the templates, which stay out of the first bundle.
    key: typeof s.key === 'string' ? (s.key as MailTemplatesSearch['key']) : undefined,
    lang: typeof s.lang === 'string' && isLanguage(s.lang) ? s.lang : undefined,
  }),
  component: MailTemplatesPage,
})

const WRITERS = ['admin', 'officer'] as const
const READERS = [...OFFICE, 'partner'] as const

const partnersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners',
  validateSearch: validatePartnersSearch,
  component: function Partners() {
    return <PartnersPage search={partnersRoute.useSearch()} />
  },
})
const partnerNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/new',
  beforeLoad: onlyFor(...WRITERS),
  component: () => <InstitutionFormPage />,
})
const partnerImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/import',
  beforeLoad: onlyFor(...WRITERS),
  component: () => <ImportPage />,
})
const partnerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/$id',
  component: function Partner() {
    const { id } = partnerRoute.useParams()
    return <PartnerProfilePage id={id} key={id} />
  },
})
const partnerEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners/$id/edit',
  beforeLoad: onlyFor(...WRITERS),
  component: function PartnerEdit() {
    const { id } = partnerEditRoute.useParams()
    return <InstitutionFormPage id={id} key={id} />
  },
})
const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements',
  beforeLoad: onlyFor(...READERS),
  validateSearch: validateAgreementsSearch,
  component: function Agreements() {
    return <AgreementsPage search={agreementsRoute.useSearch()} />
  },
})
const agreementNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/new',
  beforeLoad: onlyFor(...WRITERS),
  validateSearch: (s: Record<string, unknown>): { partner?: string } =>
    typeof s.partner === 'string' ? { partner: s.partner } : {},
  component: function AgreementNew() {
    const { partner } = agreementNewRoute.useSearch()
    return <AgreementFormPage partner={partner} />
  },
})
const agreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$id',
  beforeLoad: onlyFor(...READERS),
  component: function Agreement() {
    const { id } = agreementRoute.useParams()
    return <AgreementDetailPage id={id} key={id} />
  },
})
const agreementEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$id/edit',
  beforeLoad: onlyFor(...WRITERS),
  component: function AgreementEdit() {
    const { id } = agreementEditRoute.useParams()
    return <AgreementFormPage id={id} key={id} />
  },
})
const networkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/network',
  beforeLoad: onlyFor(...OFFICE),
  component: () => <NetworkMapPage />,
})

const OPPORTUNITY_STATUSES = ['all', 'draft', 'published', 'archived'] as const
const officeOpportunitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/opportunities',
  beforeLoad: onlyFor(...OFFICE),
  validateSearch: (s: Record<string, unknown>): { status?: (typeof OPPORTUNITY_STATUSES)[number]; page?: number } => ({
    status: OPPORTUNITY_STATUSES.includes(s.status as never) ? (s.status as (typeof OPPORTUNITY_STATUSES)[number]) : undefined,
    page: typeof s.page === 'number' && s.page > 0 ? s.page : undefined,
  }),
  component: function Opportunities() {
    const { status, page } = officeOpportunitiesRoute.useSearch()
    return <OpportunitiesPage status={status ?? 'all'} page={page ?? 1} />
  },
})
const officeOpportunityNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/opportunities/new',
  beforeLoad: onlyFor(...OFFICE),
  component: () => <OpportunityFormPage />,
})
const officeOpportunityImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/opportunities/import',
  beforeLoad: onlyFor(...WRITERS),
  component: () => <ImportPage kind="opportunities" />,
})
const officeOpportunityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/opportunities/$id',
  beforeLoad: onlyFor(...OFFICE),
  component: function Opportunity() {
    const { id } = officeOpportunityRoute.useParams()
    return <OpportunityFormPage id={id} key={id} />
  },
})
const CALL_STATUSES = ['all', 'draft', 'published', 'cancelled'] as const
const officeCallsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/calls',
  beforeLoad: onlyFor(...OFFICE),
  validateSearch: (s: Record<string, unknown>): { status?: (typeof CALL_STATUSES)[number] } =>
    CALL_STATUSES.includes(s.status as never) ? { status: s.status as (typeof CALL_STATUSES)[number] } : {},
  component: function Calls() {
    return <CallsOfficePage status={officeCallsRoute.useSearch().status ?? 'all'} />
  },
})
const officeCallNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/calls/new',
  beforeLoad: onlyFor(...OFFICE),
  component: () => <CallFormPage />,
})
const officeCallRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/calls/$id',
  beforeLoad: onlyFor(...OFFICE),
  component: function CallEdit() {
    const { id } = officeCallRoute.useParams()
    return <CallFormPage id={id} key={id} />
  },
})

const CALL_TABS = ['applications', 'reviewers', 'allocation'] as const
const officeCallApplicationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/calls/$id/applications',
  beforeLoad: onlyFor(...OFFICE),
  validateSearch: (s: Record<string, unknown>): { tab?: (typeof CALL_TABS)[number] } =>
    CALL_TABS.includes(s.tab as never) ? { tab: s.tab as (typeof CALL_TABS)[number] } : {},
  component: function CallApplications() {
    const { id } = officeCallApplicationsRoute.useParams()
    return <CallApplicationsPage callId={id} tab={officeCallApplicationsRoute.useSearch().tab ?? 'applications'} key={id} />
  },
})
const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: () => <NotificationsPage />,
})

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotRoute,
  resetRoute,
  invitationRoute,
  catalogRoute,
  compareRoute,
  catalogItemRoute,
  publicCallsRoute,
  publicCallRoute,
  appRoute.addChildren([
    homeRoute,
    accountRoute,
    usersRoute,
    auditRoute,
    settingsRoute,
    mailTemplatesRoute,
    partnersRoute,
    partnerNewRoute,
    partnerImportRoute,
    partnerRoute,
    partnerEditRoute,
    agreementsRoute,
    agreementNewRoute,
    agreementRoute,
    agreementEditRoute,
    networkRoute,
    officeOpportunitiesRoute,
    officeOpportunityNewRoute,
    officeOpportunityImportRoute,
    officeOpportunityRoute,
    officeCallsRoute,
    officeCallNewRoute,
    officeCallRoute,
    officeCallApplicationsRoute,
    ...mobilityRoutes,
    ...reportRoutes,
    notificationsRoute,
  ]),
])

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
