import { useQuery } from '@tanstack/react-query'
import { api } from './api'
import type { HomeInstitution } from './types'

/** The home institution: its name and logo on every page, the languages it offers. */
export function useHomeInstitution() {
  return useQuery({
    queryKey: ['home-institution'],
    queryFn: () => api<HomeInstitution>('/api/settings/institution'),
    staleTime: 300_000,
  })
}
