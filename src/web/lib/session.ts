import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, setCsrfToken } from './api'
import type { Session } from './types'

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async () => {
    const session = await api<Session>('/api/session')
    setCsrfToken(session.csrfToken)
    return session
  },
  staleTime: 60_000,
})

export function useSession() {
  return useQuery(sessionQuery)
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useUser() {
  const { data } = useSession()
  if (!data?.user) throw new Error('useUser outside a signed-in page')
  return data.user
}
