import type { z } from 'zod'
import type { AgreementStatus } from '../../../shared/agreements'
import type {
  AgreementDetail,
  AgreementListItem,
  ConditionSchema,
  PartySchema,
  TimelineEntrySchema,
} from '../../../shared/api/agreements'
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

export type Party = z.infer<typeof PartySchema>
export type AgreementItem = AgreementListItem
/** A condition as the detail gives it; one being written in the form has no id yet. */
export type Condition = Omit<z.infer<typeof ConditionSchema>, 'id'> & { id?: string }
export type { AgreementDetail }
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>

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
