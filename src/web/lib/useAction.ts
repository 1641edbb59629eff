import { useState } from 'react'

/**
 * The one way a button talks to the API outside a form: which action is running (for its
 * spinner), and the failure of the last one (for a ProblemAlert). `run` says whether it worked.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const run = async (name: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(name)
    setError(null)
    try {
      await action()
      return true
    } catch (e) {
      setError(e)
      return false
    } finally {
      setBusy(null)
    }
  }
  return { run, busy, error, setError }
}
