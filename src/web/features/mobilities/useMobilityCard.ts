import { notifications } from '@mantine/notifications'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/api'
import { useAction } from '../../lib/useAction'

/**
 * One card of the mobility page (the page itself, its programme, its letters, its survey): the
 * card's view from the server, and `send`, which takes a step, keeps the answer as the card's view,
 * refreshes the cards whose state follows from it, and says it is done.
 */
export function useMobilityCard<V>(
  applicationId: string,
  card: string,
  path: string,
  options: { refresh: readonly string[]; after?: () => void },
) {
  const queryClient = useQueryClient()
  const key = [card, applicationId]
  const found = useQuery({ queryKey: key, queryFn: () => api<V>(path) })
  const { run, busy, error } = useAction()
  const send = (step: string, url: string, method: 'PUT' | 'POST', body: unknown, done: string) =>
    run(step, async () => {
      queryClient.setQueryData(key, await api<V>(url, { method, body }))
      for (const other of options.refresh) void queryClient.invalidateQueries({ queryKey: [other, applicationId] })
      options.after?.()
      notifications.show({ message: done, color: 'green' })
    })
  return { found, send, run, busy, error }
}
