import type { CallDto } from '../../../shared/api/calls'
import i18n from '../../i18n'

// A call as the API answers it: the type is inferred from the server's schema (src/shared/api).
export type Call = CallDto
export type CallOffer = CallDto['offers'][number]

export const PHASE_TONES = { upcoming: 'blue', open: 'green', closed: 'gray' } as const

/** An instant as the clock in `zone` shows it, with the zone named: "15 January 2027, 09:00 (Asia/Almaty)". */
export function inZone(iso: string, zone: string): string {
  const f = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short', timeZone: zone })
  return `${f.format(new Date(iso))} (${zone.replace(/_/g, ' ')})`
}

/** The same instant on the reader's own clock, when their zone differs from the call's. */
export function inReadersZone(iso: string, zone: string): string | null {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (mine === zone) return null
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}
