import type { z } from 'zod'
import type { AgreementKind, AgreementStatus, MobilityType } from '../../../shared/agreements'
import type {
  ContactSchema,
  FlowSchema,
  InstitutionDetailSchema,
  InstitutionListItemSchema,
  RealisedFlowSchema,
  UnitSchema,
} from '../../../shared/api/institutions'

export { INSTITUTION_KINDS } from '../../../shared/identifiers'

// An institution as the API answers it: inferred from the server's schemas (src/shared/api).
export type InstitutionItem = z.infer<typeof InstitutionListItemSchema>
export type Contact = z.infer<typeof ContactSchema>
export type Unit = z.infer<typeof UnitSchema>
export type InstitutionDetail = z.infer<typeof InstitutionDetailSchema>
/** Mobilities with a partner accepted by the host, by where they stand. */
export type RealisedFlow = z.infer<typeof RealisedFlowSchema>
export type Flow = z.infer<typeof FlowSchema>

export interface Party {
  institutionId: string
  name: string
  country: string
  isHome: boolean
  orgUnitId: string | null
  orgUnitName: string | null
}

export interface AgreementItem {
  id: string
  reference: string
  title: string
  kind: AgreementKind
  status: AgreementStatus
  startDate: string | null
  endDate: string | null
  parties: Party[]
  responsible: { id: string; name: string } | null
  mobilityTypes: MobilityType[]
  placesPerYear: number | null
  updatedAt: string
}

export interface Condition {
  id?: string
  mobilityType: MobilityType
  sendingInstitutionId: string
  sendingUnitId: string | null
  receivingInstitutionId: string
  receivingUnitId: string | null
  academicYearFrom: string
  academicYearTo: string
  mobilitiesPerYear: number | null
  totalMonthsPerYear: number | null
  totalDaysPerYear: number | null
  subjectAreas: { isced: string; clarification: string | null }[]
  eqfLevels: number[]
  languageSkills: { language: string; cefr: string; isced: string | null }[]
  blended: boolean
  otherTerms: string | null
}

export interface AgreementDetail extends AgreementItem {
  notes: string | null
  terminationReason: string | null
  statusChangedAt: string
  predecessor: { id: string; reference: string } | null
  successor: { id: string; reference: string; status: AgreementStatus } | null
  conditions: Condition[]
  signatories: { id: string; institutionId: string; name: string; position: string | null; signedOn: string | null }[]
  files: {
    id: string
    kind: string
    fileName: string
    mime: string
    size: number
    version: number
    sha256: string
    uploadedAt: string
    uploadedBy: string | null
  }[]
  actions: {
    action: 'negotiate' | 'reopen' | 'sign' | 'activate' | 'terminate' | 'renew'
    allowed: boolean
    reason: string | null
  }[]
  editable: boolean
  createdAt: string
}

export interface TimelineEntry {
  at: string
  kind: 'change' | 'comment'
  actor: string
  action: string | null
  changes: string[]
  body: string | null
}

export const STATUS_COLORS: Record<AgreementStatus, string> = {
  draft: 'gray',
  negotiation: 'yellow',
  signed: 'cyan',
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  terminated: 'dark',
  renewed: 'violet',
}

/** Text colours for the status badges, dark enough on their light backgrounds for WCAG AA (4.5:1). */
export const STATUS_TEXT: Record<AgreementStatus, string> = {
  draft: '#343a40',
  negotiation: '#7a4300',
  signed: '#0a5261',
  active: '#1b6330',
  expiring: '#9a360b',
  expired: '#a11d1d',
  terminated: '#1a1b1e',
  renewed: '#5235a8',
}

/** The same for the import's row results. */
export const RESULT_TEXT = { create: '#1b6330', update: '#1c4f8a', error: '#a11d1d' } as const
