import type { MOBILITY_STATUSES, RecognitionEntry, TranscriptResult } from '../../../shared/mobilities'

// What the server says about a mobility (`GET /api/applications/:id/mobility`).

export interface LaComponentView {
  key: string
  title: string
  code: string | null
  credits: number
  term: string | null
}

export interface MobilityView {
  applicationId: string
  status: (typeof MOBILITY_STATUSES)[number]
  student: string
  host: string | null
  country: string | null
  opportunityId: string | null
  opportunityTitle: Record<string, string>
  plannedStart: string | null
  plannedEnd: string | null
  arrivedOn: string | null
  leftOn: string | null
  hasApprovedAgreement: boolean
  studied: (LaComponentView & { result: TranscriptResult | null })[]
  recognised: (LaComponentView & { recognition: RecognitionEntry | null })[]
  transcriptAt: string | null
  transcriptDocument: { id: string; fileName: string } | null
  /** The host's certificate that ends an outgoing staff visit. */
  hostCertificate: { id: string; fileName: string } | null
  recognisedAt: string | null
  seesChecklist: boolean
  seesIncidents: boolean
  seesSurvey: boolean
  incoming: boolean
  staff: boolean
  /** An outgoing staff visit: no transcript or credits; it ends with the host's certificate. */
  staffOut: boolean
  programmeGap: string | null
  checklistComplete: boolean
  actions: { arrive: boolean; transcript: boolean; recognise: boolean; endVisit: boolean }
}
