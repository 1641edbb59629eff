import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../lib/api'

/** Shows a failed request the way the server explained it, with the request id for support. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation()
  if (!error) return null
  const problem = error instanceof ApiProblem ? error.problem : null
  return (
    <Alert color="red" title={title ?? problem?.title ?? t('common.error')} role="alert">
      {problem?.detail ?? (error instanceof Error ? error.message : String(error))}
      {problem?.requestId && problem.status >= 500 ? <div>{t('common.requestId', { id: problem.requestId })}</div> : null}
    </Alert>
  )
}
