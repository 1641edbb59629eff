import { type ComponentType, lazy } from 'react'

// Every page but the sign-in (the first page for most, kept ready for the keyboard) is loaded on
// first visit, the signed-in layout included, so a first visit downloads only what it shows.

/** A page loaded on first visit: the named export of a module that Vite splits off. */
function page<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }))
}

export const AppLayout = page(() => import('./components/AppLayout'), 'AppLayout')
export const ForgotPasswordPage = page(() => import('./features/auth/ForgotPasswordPage'), 'ForgotPasswordPage')
export const ResetPasswordPage = page(() => import('./features/auth/ResetPasswordPage'), 'ResetPasswordPage')
export const InvitationPage = page(() => import('./features/auth/InvitationPage'), 'InvitationPage')
export const HomePage = page(() => import('./features/home/HomePage'), 'HomePage')
export const AccountPage = page(() => import('./features/account/AccountPage'), 'AccountPage')
export const UsersPage = page(() => import('./features/users/UsersPage'), 'UsersPage')
export const AuditPage = page(() => import('./features/audit/AuditPage'), 'AuditPage')
export const SettingsPage = page(() => import('./features/settings/SettingsPage'), 'SettingsPage')
export const MailTemplatesPage = page(() => import('./features/settings/MailTemplatesPage'), 'MailTemplatesPage')
export const PartnersPage = page(() => import('./features/partners/PartnersPage'), 'PartnersPage')
export const PartnerProfilePage = page(() => import('./features/partners/PartnerProfilePage'), 'PartnerProfilePage')
export const InstitutionFormPage = page(() => import('./features/partners/InstitutionFormPage'), 'InstitutionFormPage')
export const ImportPage = page(() => import('./features/imports/ImportPage'), 'ImportPage')
export const AgreementsPage = page(() => import('./features/agreements/AgreementsPage'), 'AgreementsPage')
export const AgreementDetailPage = page(() => import('./features/agreements/AgreementDetailPage'), 'AgreementDetailPage')
export const AgreementFormPage = page(() => import('./features/agreements/AgreementFormPage'), 'AgreementFormPage')
export const CatalogPage = page(() => import('./features/catalog/CatalogPage'), 'CatalogPage')
export const ComparePage = page(() => import('./features/catalog/ComparePage'), 'ComparePage')
export const CatalogDetailPage = page(() => import('./features/catalog/CatalogDetailPage'), 'CatalogDetailPage')
export const PublicCallsPage = page(() => import('./features/calls/PublicCallsPage'), 'PublicCallsPage')
export const PublicCallPage = page(() => import('./features/calls/PublicCallPage'), 'PublicCallPage')
export const CallsOfficePage = page(() => import('./features/calls/CallsOfficePage'), 'CallsOfficePage')
export const CallFormPage = page(() => import('./features/calls/CallFormPage'), 'CallFormPage')
export const OpportunitiesPage = page(() => import('./features/opportunities/OpportunitiesPage'), 'OpportunitiesPage')
export const OpportunityFormPage = page(() => import('./features/opportunities/OpportunityFormPage'), 'OpportunityFormPage')
export const ApplyPage = page(() => import('./features/applications/ApplyPage'), 'ApplyPage')
export const MyApplicationsPage = page(() => import('./features/applications/MyApplicationsPage'), 'MyApplicationsPage')
export const CallApplicationsPage = page(() => import('./features/applications/CallApplicationsPage'), 'CallApplicationsPage')
export const OfficeApplicationPage = page(() => import('./features/applications/OfficeApplicationPage'), 'OfficeApplicationPage')
export const ReviewsPage = page(() => import('./features/applications/ReviewPage'), 'ReviewsPage')
export const ReviewPage = page(() => import('./features/applications/ReviewPage'), 'ReviewPage')
export const LearningAgreementPage = page(
  () => import('./features/learning-agreements/LearningAgreementPage'),
  'LearningAgreementPage',
)
export const MobilityPage = page(() => import('./features/mobilities/MobilityPage'), 'MobilityPage')
export const OfficeMobilitiesPage = page(() => import('./features/mobilities/OfficeMobilitiesPage'), 'OfficeMobilitiesPage')
export const OfficeSurveysPage = page(() => import('./features/mobilities/OfficeSurveysPage'), 'OfficeSurveysPage')
export const NominationsPage = page(() => import('./features/nominations/NominationsPage'), 'NominationsPage')
export const NominationPage = page(() => import('./features/nominations/NominationsPage'), 'NominationPage')
export const NotificationsPage = page(() => import('./features/notifications/NotificationsPage'), 'NotificationsPage')
export const MobilityReportPage = page(() => import('./features/reports/MobilityReportPage'), 'MobilityReportPage')
export const NetworkMapPage = page(() => import('./features/network/NetworkMapPage'), 'NetworkMapPage')
