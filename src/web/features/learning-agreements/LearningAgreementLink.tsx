import { useTranslation } from 'react-i18next'
import { HOLDING } from '../../../shared/applications'
import { ButtonLink } from '../../components/RouterLinks'
import type { Application } from '../applications/types'

/** The ways to a mobility's learning agreement, once the student holds a place, and to the mobility once the host has accepted them. */
export function LearningAgreementLink({
  application,
}: {
  application: Pick<Application, 'id' | 'status'> & { call?: { audience: string } }
}) {
  const { t } = useTranslation()
  if (!HOLDING.includes(application.status)) return null
  // A staff visit has a programme (on the mobility's page) instead of a learning agreement.
  const staff = application.call?.audience === 'staff'
  return (
    <>
      {!staff && (
        <ButtonLink to="/learning-agreements/$applicationId" params={{ applicationId: application.id }} variant="light">
          {t('la.link')}
        </ButtonLink>
      )}
      {application.status === 'host_accepted' && (
        <ButtonLink to="/mobilities/$applicationId" params={{ applicationId: application.id }} variant="light">
          {t('mobility.link')}
        </ButtonLink>
      )}
    </>
  )
}
