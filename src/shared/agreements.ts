/** The agreement domain as both the server and the web app know it. */

export const AGREEMENT_KINDS = [
  'mou',
  'bilateral_exchange',
  'clinical_affiliation',
  'research_collaboration',
  'joint_degree',
] as const
export type AgreementKind = (typeof AGREEMENT_KINDS)[number]

export const AGREEMENT_STATUSES = [
  'draft',
  'negotiation',
  'signed',
  'active',
  'expiring',
  'expired',
  'terminated',
  'renewed',
] as const
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number]

/** Statuses in which the agreement is in force. */
export const IN_FORCE: readonly AgreementStatus[] = ['active', 'expiring']
/** Statuses in which the terms (dates, parties, conditions) may still change. */
export const EDITABLE: readonly AgreementStatus[] = ['draft', 'negotiation']
export const FINAL: readonly AgreementStatus[] = ['terminated', 'renewed']

/** Steps a person takes; the daily job takes the date-driven ones (activate, expiring, expire). */
export const AGREEMENT_ACTIONS = ['negotiate', 'reopen', 'sign', 'activate', 'terminate'] as const
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number]

export const TRANSITIONS: Record<AgreementAction, { from: readonly AgreementStatus[]; to: AgreementStatus }> = {
  negotiate: { from: ['draft'], to: 'negotiation' },
  reopen: { from: ['negotiation'], to: 'draft' },
  sign: { from: ['negotiation'], to: 'signed' },
  activate: { from: ['signed'], to: 'active' },
  terminate: { from: ['draft', 'negotiation', 'signed', 'active', 'expiring'], to: 'terminated' },
}
export const RENEWABLE: readonly AgreementStatus[] = ['active', 'expiring', 'expired']

/** EWP IIA v7 mobility types. */
export const MOBILITY_TYPES = ['student_studies', 'student_traineeship', 'staff_teaching', 'staff_training'] as const
export type MobilityType = (typeof MOBILITY_TYPES)[number]
export const STAFF_MOBILITY: readonly MobilityType[] = ['staff_teaching', 'staff_training']

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const
export type CefrLevel = (typeof CEFR_LEVELS)[number]

/** EQF levels that exchanges use: short cycle (5), bachelor (6), master (7), doctorate (8). */
export const EQF_LEVELS = [5, 6, 7, 8] as const

export const FILE_KINDS = ['signed_copy', 'annex', 'correspondence', 'other'] as const
export type FileKind = (typeof FILE_KINDS)[number]
export const FILE_MAX_BYTES = 20 * 1024 * 1024
export const FILE_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const

export const DEFAULT_REMINDER_DAYS = [180, 90, 30]

/** ISO 639-1 codes, for recommended language skills. */
export const ISO_639_1 = new Set(
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
    ' ',
  ),
)

/**
 * ISCED-F 2013 fields a medical university meets most, with their English names. Any well-formed
 * code (two to four digits) is accepted; these are offered in forms and named in lists.
 */
export const ISCED_FIELDS: Record<string, string> = {
  '0111': 'Education science',
  '0114': 'Teacher training with subject specialisation',
  '0222': 'History and archaeology',
  '0223': 'Philosophy and ethics',
  '0231': 'Language acquisition',
  '0311': 'Economics',
  '0313': 'Psychology',
  '0314': 'Sociology and cultural studies',
  '0413': 'Management and administration',
  '0421': 'Law',
  '0511': 'Biology',
  '0512': 'Biochemistry',
  '0521': 'Environmental sciences',
  '0531': 'Chemistry',
  '0533': 'Physics',
  '0542': 'Statistics',
  '0612': 'Database and network design and administration',
  '0688': 'Information and communication technologies, inter-disciplinary',
  '0711': 'Chemical engineering and processes',
  '0714': 'Electronics and automation',
  '0719': 'Engineering and engineering trades n.e.c.',
  '0721': 'Food processing',
  '0841': 'Veterinary',
  '09': 'Health and welfare',
  '091': 'Health',
  '0911': 'Dental studies',
  '0912': 'Medicine',
  '0913': 'Nursing and midwifery',
  '0914': 'Medical diagnostic and treatment technology',
  '0915': 'Therapy and rehabilitation',
  '0916': 'Pharmacy',
  '0917': 'Traditional and complementary medicine and therapy',
  '0919': 'Health not elsewhere classified',
  '0921': 'Care of the elderly and of disabled adults',
  '0922': 'Child care and youth services',
  '0923': 'Social work and counselling',
  '1011': 'Domestic services',
  '1022': 'Occupational health and safety',
}
export const ISCED_CODE = /^(0\d|10)(\d{1,2})?$/

/** "2026/2027": an academic year as EWP writes it. */
export const ACADEMIC_YEAR = /^(\d{4})\/(\d{4})$/
export function isAcademicYear(value: string): boolean {
  const m = ACADEMIC_YEAR.exec(value)
  return !!m && Number(m[2]) === Number(m[1]) + 1
}
/** The academic year a day (YYYY-MM-DD) falls in; years start in September: 2026-11-23 is in 2026/2027. */
export function academicYearOf(day: string): string {
  const start = Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 9 ? 1 : 0)
  return `${start}/${start + 1}`
}
export function shiftAcademicYear(value: string, years: number): string {
  const start = Number(value.slice(0, 4)) + years
  return `${start}/${start + 1}`
}
