import { createRoute } from '@tanstack/react-router'
import {
  ApplyPage,
  LearningAgreementPage,
  MobilityPage,
  MyApplicationsPage,
  NominationPage,
  NominationsPage,
  OfficeApplicationPage,
  OfficeMobilitiesPage,
  OfficeSurveysPage,
  ReviewPage,
  ReviewsPage,
} from '../pages'
import { appRoute, OFFICE, onlyFor } from './base'

// The mobility lifecycle: applying, review, nominations, learning agreements and the mobility itself.

const officeApplicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/applications/$id',
  beforeLoad: onlyFor(...OFFICE),
  component: function OfficeApplication() {
    const { id } = officeApplicationRoute.useParams()
    return <OfficeApplicationPage id={id} key={id} />
  },
})

// Applicants: students for student calls, staff for staff calls.
const APPLICANTS = ['student', 'staff'] as const
const applyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apply/$callId',
  beforeLoad: onlyFor(...APPLICANTS),
  component: function Apply() {
    const { callId } = applyRoute.useParams()
    return <ApplyPage callId={callId} key={callId} />
  },
})
const myApplicationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications',
  beforeLoad: onlyFor(...APPLICANTS),
  component: () => <MyApplicationsPage />,
})

const REVIEWERS = ['reviewer', 'officer', 'admin', 'coordinator'] as const
const reviewsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reviews',
  beforeLoad: onlyFor(...REVIEWERS),
  component: () => <ReviewsPage />,
})
const reviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reviews/$id',
  beforeLoad: onlyFor(...REVIEWERS),
  component: function Review() {
    const { id } = reviewRoute.useParams()
    return <ReviewPage id={id} key={id} />
  },
})

const nominationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/nominations',
  beforeLoad: onlyFor('partner'),
  component: () => <NominationsPage />,
})
const nominationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/nominations/$id',
  beforeLoad: onlyFor('partner'),
  component: function Nomination() {
    const { id } = nominationRoute.useParams()
    return <NominationPage id={id} key={id} />
  },
})

const learningAgreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/learning-agreements/$applicationId',
  component: function LearningAgreement() {
    const { applicationId } = learningAgreementRoute.useParams()
    return <LearningAgreementPage applicationId={applicationId} key={applicationId} />
  },
})

const mobilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mobilities/$applicationId',
  component: function Mobility() {
    const { applicationId } = mobilityRoute.useParams()
    return <MobilityPage applicationId={applicationId} key={applicationId} />
  },
})

const officeMobilitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/mobilities',
  beforeLoad: onlyFor(...OFFICE),
  component: OfficeMobilitiesPage,
})
const officeSurveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/office/surveys',
  beforeLoad: onlyFor(...OFFICE),
  component: OfficeSurveysPage,
})

export const mobilityRoutes = [
  officeMobilitiesRoute,
  officeSurveysRoute,
  officeApplicationRoute,
  applyRoute,
  myApplicationsRoute,
  reviewsRoute,
  reviewRoute,
  nominationsRoute,
  nominationRoute,
  learningAgreementRoute,
  mobilityRoute,
]
