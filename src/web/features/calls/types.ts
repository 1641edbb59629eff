import i18n from '../../i18n'

export interface CallOffer {
  opportunityId: string
  kind: string
  title: Record<string, string>
  host: { id: string; name: string; country: string; city: string | null }
  published: boolean
  places: number
  suggestedPlaces: number | null
  placesTaken: number
  placesLeft: number
}

export interface Call {
  id: string
  status: 'draft' | 'published' | 'cancelled'
  phase: 'upcoming' | 'open' | 'closed'
  title: Record<string, string>
  description: Record<string, string>
  academicYear: string
  audience: 'outgoing_students' | 'incoming_students' | 'staff'
  orgUnitId: string | null
  opensAt: string
  closesAt: string
  opensAtLocal: string
  closesAtLocal: string
  timeZone: string
  maxChoices: number
  eligibility: { yearsOfStudy: number[]; minGrade: number | null; programmes: string[]; notes: string | null }
  requiredDocuments: string[]
  criteria: { key: string; label: string; weight: number }[]
  cancelReason: string | null
  offers: CallOffer[]
  placesTotal: number
  placesLeft: number
  publishedAt: string | null
  updatedAt: string
}

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
