import type { Access } from '../applications/applications.policy.js'

// Who may upload which document to an application, and who may delete one: the service refuses
// anyone else with these words. What a document's kind also needs (the application's status, the
// mobility's stage) is checked by the service after this.

type Uploaders = { by: readonly Access[]; refusal: string }

export const UPLOADERS = {
  /** The host's letter of acceptance, once it has accepted the nominee. */
  acceptance_letter: { by: ['host'], refusal: "Only the host's partner coordinators upload its letter of acceptance." },
  /** The host's transcript of records, from the host or the office with it in hand. */
  transcript_of_records: { by: ['host', 'office'], refusal: 'The host or the office uploads the transcript of records.' },
  /** The host's certificate that a member of staff visited. */
  host_certificate: {
    by: ['owner', 'office', 'host'],
    refusal: "The visitor, the office or the host uploads the host's certificate.",
  },
  /** A proof for the checklist before departure. */
  proof: { by: ['owner', 'office'], refusal: 'The student or the office uploads the proofs of the checklist.' },
  /** Everything the call asks the applicant for. */
  applicant: { by: ['owner'], refusal: 'Only the applicant uploads their documents.' },
} as const satisfies Record<string, Uploaders>

/** The rule for a kind of document. */
export function uploadersOf(kind: string): Uploaders {
  if (kind === 'acceptance_letter' || kind === 'transcript_of_records' || kind === 'host_certificate') return UPLOADERS[kind]
  return kind.startsWith('proof_') ? UPLOADERS.proof : UPLOADERS.applicant
}

export const mayUpload = (kind: string, access: Access) => (uploadersOf(kind).by as readonly Access[]).includes(access)

/** Who deletes a document: the applicant (their own, while a draft) and the office. */
export const DELETERS: readonly Access[] = ['owner', 'office']

/** Who never sees identity and health documents, nor the checklist's proofs. */
export const NOT_SPECIAL_READERS: readonly Access[] = ['reviewer', 'host']
