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
      {/* Reasons the detail does not already spell out, such as what a record lacks before it is published. */}
      {problem?.errors?.length && !problem.detail.includes(problem.errors[0]!.message) ? (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
          ))}
        </ul>
      ) : null}
      {problem?.requestId && problem.status >= 500 ? <div>{t('common.requestId', { id: problem.requestId })}</div> : null}
    </Alert>
  )
}
