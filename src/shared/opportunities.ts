// What an opportunity is (issue 4): its kinds, states and the fixed lists it is described by.

export const OPPORTUNITY_KINDS = [
  'exchange_semester',
  'clinical_elective',
  'summer_school',
  'joint_program',
  'research_internship',
  'observership',
  'staff_teaching',
  'staff_training',
  'guest_lecture',
] as const
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number]

export const OPPORTUNITY_STATUSES = ['draft', 'published', 'archived'] as const
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

/** Outgoing: our people go to a host; incoming: people come to us (our electives). */
export const DIRECTIONS = ['outgoing', 'incoming'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** What a person must bring before going, as medical exchanges ask. */
export const REQUIREMENTS = [
  'immunisations',
  'insurance',
  'bls',
  'acls',
  'background_check',
  'visa',
  'language_certificate',
] as const
export type Requirement = (typeof REQUIREMENTS)[number]

/** Medical specialties an elective or rotation is in. */
export const SPECIALTIES = [
  'anaesthesiology',
  'cardiology',
  'dermatology',
  'emergency_medicine',
  'endocrinology',
  'family_medicine',
  'gastroenterology',
  'general_surgery',
  'geriatrics',
  'haematology',
  'infectious_diseases',
  'internal_medicine',
  'nephrology',
  'neurology',
  'neurosurgery',
  'obstetrics_gynaecology',
  'oncology',
  'ophthalmology',
  'orthopaedics',
  'otorhinolaryngology',
  'paediatrics',
  'pathology',
  'psychiatry',
  'public_health',
  'pulmonology',
  'radiology',
  'rheumatology',
  'tropical_medicine',
  'urology',
  'dentistry',
  'nursing',
  'pharmacy',
  'biomedical_research',
] as const
export type Specialty = (typeof SPECIALTIES)[number]

/** Facet buckets of the catalog. */
export const DURATION_BUCKETS = ['up_to_4_weeks', '5_to_8_weeks', '9_to_16_weeks', 'longer'] as const
export function durationBucket(weeks: number | null): (typeof DURATION_BUCKETS)[number] | null {
  if (weeks === null) return null
  return weeks <= 4 ? 'up_to_4_weeks' : weeks <= 8 ? '5_to_8_weeks' : weeks <= 16 ? '9_to_16_weeks' : 'longer'
}

export const COST_BUCKETS = ['free', 'under_500', 'under_1500', 'more'] as const
/** Fee bands in the fee's own currency (the catalog does not convert currencies). */
export function costBucket(fee: number | null): (typeof COST_BUCKETS)[number] {
  if (fee === null || fee === 0) return 'free'
  return fee < 500 ? 'under_500' : fee < 1500 ? 'under_1500' : 'more'
}
