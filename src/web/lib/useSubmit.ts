import { useState } from 'react'
import { ApiProblem } from './api'

interface FormLike<V> {
  onSubmit: (handler: (values: V) => void | Promise<void>) => (event?: React.FormEvent<HTMLFormElement>) => void
  setErrors: (errors: Record<string, string>) => void
}

/**
 * The one way a form talks to the API: busy while the request runs, field errors from the
 * server shown at their fields, anything else as an alert. `onProblem` may claim a problem
 * first (return true), for messages a page words itself.
 */
export function useSubmit<V>(
  form: FormLike<V>,
  action: (values: V) => Promise<void>,
  onProblem?: (problem: ApiProblem) => boolean,
) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const onSubmit = form.onSubmit(async (values) => {
    setBusy(true)
    setError(null)
    try {
      await action(values)
    } catch (e) {
      if (e instanceof ApiProblem && onProblem?.(e)) return
      const fields = e instanceof ApiProblem ? e.fieldErrors() : {}
      if (Object.keys(fields).length) form.setErrors(fields)
      else setError(e)
    } finally {
      setBusy(false)
    }
  })
  return { onSubmit, busy, error, setError }
}
