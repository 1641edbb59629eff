import type { Kysely } from 'kysely'
import { academicYearOf, shiftAcademicYear } from '../../../shared/agreements.js'
import { fitsAudience } from '../../../shared/calls.js'
import type { Ctx } from '../../http/context.js'
import { systemClock } from '../../kernel/clock.js'
import { addDays } from '../../kernel/dates.js'
import { suggestPlaces } from '../../modules/catalog/calls/calls.places.js'
import { createCall, setCallStatus } from '../../modules/catalog/calls/calls.service.js'
import type { OpportunityInput } from '../../modules/catalog/opportunities/opportunities.schema.js'
import { createOpportunity, setOpportunityStatus } from '../../modules/catalog/opportunities/opportunities.service.js'
import type { DB } from '../schema.js'

type Seeded = Omit<Partial<OpportunityInput>, 'hostInstitutionId'> & { host: string; publish: boolean }

const base: Omit<OpportunityInput, 'kind' | 'direction' | 'hostInstitutionId' | 'title'> = {
  agreementId: null,
  orgUnitId: null,
  description: {},
  isced: '0912',
  specialty: null,
  department: null,
  languages: [],
  languagePreparation: null,
  clinicalPractice: false,
  clinicalHoursPerWeek: null,
  durationWeeks: null,
  yearsOfStudy: [],
  minGrade: null,
  prerequisites: null,
  requirements: [],
  feeAmount: null,
  feeCurrency: null,
  funding: null,
  housing: null,
  applicationDeadline: null,
  contactName: null,
  contactEmail: null,
  blocks: [],
}

const OPPORTUNITIES: Seeded[] = [
  {
    host: 'Seoul National University',
    publish: true,
    kind: 'clinical_elective',
    direction: 'outgoing',
    title: { en: 'Cardiology elective at Seoul National University Hospital', ko: '서울대학교병원 심장내과 선택 실습' },
    description: {
      en: '<p>Four weeks on the cardiology wards and in the cath lab, with daily teaching rounds in English.</p>',
    },
    specialty: 'cardiology',
    languages: [
      { language: 'en', minLevel: 'B2' },
      { language: 'ko', minLevel: null },
    ],
    languagePreparation: 'A two-week online Korean survival course before arrival.',
    clinicalPractice: true,
    clinicalHoursPerWeek: 35,
    durationWeeks: 4,
    yearsOfStudy: [5, 6],
    requirements: ['immunisations', 'insurance', 'bls'],
    feeAmount: 0,
    housing: 'Rooms in the international house, booked by the host.',
    applicationDeadline: '2027-01-31',
    contactEmail: 'oia@snu.example',
    blocks: [
      { label: 'Block A', startsOn: '2027-03-02', endsOn: '2027-03-27', capacity: 2 },
      { label: 'Block B', startsOn: '2027-04-06', endsOn: '2027-05-01', capacity: 2 },
    ],
  },
  {
    host: 'University of Minho',
    publish: true,
    kind: 'exchange_semester',
    direction: 'outgoing',
    title: { en: 'Exchange semester in medicine in Braga', pt: 'Semestre de intercâmbio em medicina em Braga' },
    description: { pt: '<p>Um semestre no curso de Medicina com estágios clínicos no Hospital de Braga.</p>' },
    languages: [{ language: 'pt', minLevel: 'B1' }],
    languagePreparation: 'Intensive Portuguese course in September.',
    clinicalPractice: true,
    durationWeeks: 20,
    yearsOfStudy: [4, 5],
    requirements: ['insurance', 'language_certificate'],
    feeAmount: 0,
    applicationDeadline: '2027-03-15',
    contactEmail: 'mobility.med@uminho.example',
  },
  {
    host: 'Charité – Universitätsmedizin Berlin',
    publish: true,
    kind: 'clinical_elective',
    direction: 'outgoing',
    title: { en: 'Surgery rotation at Charité', ru: 'Хирургическая ротация в Шарите' },
    specialty: 'general_surgery',
    languages: [{ language: 'de', minLevel: 'B2' }],
    clinicalPractice: true,
    clinicalHoursPerWeek: 40,
    durationWeeks: 8,
    requirements: ['immunisations', 'insurance', 'background_check'],
    feeAmount: 0,
    applicationDeadline: '2027-02-15',
    blocks: [{ label: 'Summer', startsOn: '2027-07-05', endsOn: '2027-08-27', capacity: 3 }],
  },
  {
    host: 'Karolinska Institutet',
    publish: true,
    kind: 'research_internship',
    direction: 'outgoing',
    title: { en: 'Research internship in infectious diseases' },
    specialty: 'infectious_diseases',
    languages: [{ language: 'en', minLevel: 'C1' }],
    durationWeeks: 12,
    feeAmount: 0,
    funding: 'A monthly stipend of 10,000 SEK.',
    applicationDeadline: '2027-04-01',
  },
  {
    host: 'Mongolian National University of Medical Sciences',
    publish: true,
    kind: 'summer_school',
    direction: 'outgoing',
    title: { en: 'Summer school in global and public health', mn: 'Дэлхийн ба нийгмийн эрүүл мэндийн зуны сургууль' },
    specialty: 'public_health',
    languages: [{ language: 'en', minLevel: 'B1' }],
    durationWeeks: 2,
    feeAmount: 300,
    feeCurrency: 'USD',
    applicationDeadline: '2027-05-01',
    blocks: [{ label: null, startsOn: '2027-07-12', endsOn: '2027-07-23', capacity: 25 }],
  },
  {
    host: 'Meridian State Medical University',
    publish: true,
    kind: 'clinical_elective',
    direction: 'incoming',
    title: { en: 'Tropical medicine elective for visiting students', ru: 'Элективный курс тропической медицины' },
    specialty: 'tropical_medicine',
    languages: [
      { language: 'en', minLevel: 'B2' },
      { language: 'ru', minLevel: null },
    ],
    clinicalPractice: true,
    clinicalHoursPerWeek: 30,
    durationWeeks: 4,
    requirements: ['immunisations', 'insurance', 'visa'],
    feeAmount: 400,
    feeCurrency: 'EUR',
    applicationDeadline: '2027-02-28',
    // In the academic year of the demo's call for visiting students (2027/2028).
    blocks: [
      { label: 'Autumn', startsOn: '2027-10-04', endsOn: '2027-10-29', capacity: 4 },
      { label: 'Spring', startsOn: '2028-04-03', endsOn: '2028-04-28', capacity: 4 },
    ],
  },
  {
    host: 'Sechenov University',
    publish: false,
    kind: 'observership',
    direction: 'outgoing',
    title: { en: 'Neurology observership (draft)', ru: 'Наблюдательная стажировка по неврологии' },
    specialty: 'neurology',
  },
]

/** The demo catalog: published opportunities at the demo partners and one draft, and two calls. */
export async function seedCatalog(db: Kysely<DB>, ctx: Ctx, today: string): Promise<void> {
  const institutions = await db.selectFrom('institutions').select(['id', 'name']).execute()
  // An opportunity at a partner rests on the agreement in force with it, where there is one.
  const inForce = await db
    .selectFrom('agreement_parties as p')
    .innerJoin('agreements as a', 'a.id', 'p.agreement_id')
    .select(['p.institution_id', 'a.id'])
    .where('a.status', 'in', ['active', 'expiring'])
    .execute()
  for (const { host, publish, ...o } of OPPORTUNITIES) {
    const hostId = institutions.find((i) => i.name === host)?.id
    if (!hostId) continue
    const agreementId = o.direction === 'outgoing' ? (inForce.find((a) => a.institution_id === hostId)?.id ?? null) : null
    const id = await createOpportunity({ db }, ctx, { ...base, ...o, agreementId, hostInstitutionId: hostId } as OpportunityInput)
    if (publish) await setOpportunityStatus({ db }, ctx, id, 'published')
  }
  await seedCalls(db, ctx, today)
}

const CRITERIA = [
  { key: 'grades', label: 'Grade average', weight: 50 },
  { key: 'language', label: 'Language level', weight: 20 },
  { key: 'motivation', label: 'Motivation letter and interview', weight: 30 },
]

/**
 * An open call for our students, with places from the agreements (or a default of two), and an
 * upcoming one for visiting students, dated around today in the home office's time zone.
 */
async function seedCalls(db: Kysely<DB>, ctx: Ctx, today: string) {
  const published = await db
    .selectFrom('opportunities')
    .select(['id', 'direction', 'kind'])
    .where('status', '=', 'published')
    .execute()
  const academicYear = shiftAcademicYear(academicYearOf(today), 1)
  const calls = [
    {
      title: { en: `Outgoing exchanges and electives ${academicYear}`, ru: `Исходящая мобильность ${academicYear}` },
      audience: 'outgoing_students' as const,
      opensAt: `${addDays(today, -7)}T09:00`,
      closesAt: `${addDays(today, 60)}T17:00`,
      documents: ['transcript', 'language_certificate', 'motivation_letter'] as const,
    },
    {
      title: { en: `Clinical electives for visiting students ${academicYear}` },
      audience: 'incoming_students' as const,
      opensAt: `${addDays(today, 14)}T09:00`,
      closesAt: `${addDays(today, 90)}T17:00`,
      documents: ['transcript', 'immunisation_record', 'insurance', 'recommendation_letter'] as const,
    },
  ]
  for (const c of calls) {
    const offered = published.filter((o) => fitsAudience(c.audience, o.kind, o.direction))
    const suggested = await suggestPlaces(
      db,
      academicYear,
      offered.map((o) => o.id),
    )
    const id = await createCall({ db, clock: systemClock }, ctx, {
      title: c.title,
      description: {},
      academicYear,
      audience: c.audience,
      orgUnitId: null,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      timeZone: 'Asia/Almaty',
      maxChoices: 3,
      eligibility: { yearsOfStudy: [4, 5, 6], minGrade: null, programmes: ['Medicine'], notes: null },
      requiredDocuments: [...c.documents],
      criteria: CRITERIA,
      offers: offered.map((o, i) => ({ opportunityId: o.id, places: suggested[i]?.places ?? 2 })),
    })
    await setCallStatus({ db, clock: systemClock }, ctx, id, 'published')
  }
}
