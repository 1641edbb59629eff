import { useTranslation } from 'react-i18next'
import { HOLDING } from '../../../shared/applications'
import { ButtonLink } from '../../components/RouterLinks'
import type { Application } from '../applications/types'

/** The way to a mobility's learning agreement, once the student holds a place. */
export function LearningAgreementLink({ application }: { application: Pick<Application, 'id' | 'status'> }) {
  const { t } = useTranslation()
  if (!HOLDING.includes(application.status)) return null
  return (
    <ButtonLink to="/learning-agreements/$applicationId" params={{ applicationId: application.id }} variant="light">
      {t('la.link')}
    </ButtonLink>
  )
}
