import type { Kysely } from 'kysely'
import { type AgreementKind, type AgreementStatus, academicYearOf } from '../../../shared/agreements.js'
import type { Actor } from '../../http/context.js'
import { systemCtx } from '../../http/context.js'
import { recordAudit } from '../../kernel/audit.js'
import { systemClock } from '../../kernel/clock.js'
import { addDays, todayUtc } from '../../kernel/dates.js'
import type { ConditionInput } from '../../modules/registry/agreements/agreements.schema.js'
import { createAgreement } from '../../modules/registry/agreements/agreements.service.js'
import type { DB } from '../schema.js'
import { seedApplications } from './applications.js'
import { seedCatalog } from './catalog.js'

interface DemoAgreement {
  partner: string
  title: string
  kind: AgreementKind
  status: AgreementStatus
  /** Days from today. */
  start: number
  end: number
  conditions?: (home: string, partner: string, year: number) => Omit<ConditionInput, 'sendingUnitId' | 'receivingUnitId'>[]
  signed?: boolean
}

const studies = (from: string, to: string, year: number, places: number, lang: string, cefr: 'B1' | 'B2') => ({
  mobilityType: 'student_studies' as const,
  sendingInstitutionId: from,
  receivingInstitutionId: to,
  academicYearFrom: `${year}/${year + 1}`,
  academicYearTo: `${year + 4}/${year + 5}`,
  mobilitiesPerYear: places,
  totalMonthsPerYear: places * 5,
  totalDaysPerYear: null,
  subjectAreas: [{ isced: '0912', clarification: 'Medicine, clinical years' }],
  eqfLevels: [7 as const],
  languageSkills: [{ language: lang, cefr, isced: '0912' }],
  blended: false,
  otherTerms: null,
})
const teaching = (from: string, to: string, year: number) => ({
  mobilityType: 'staff_teaching' as const,
  sendingInstitutionId: from,
  receivingInstitutionId: to,
  academicYearFrom: `${year}/${year + 1}`,
  academicYearTo: `${year + 4}/${year + 5}`,
  mobilitiesPerYear: 1,
  totalMonthsPerYear: null,
  totalDaysPerYear: 5,
  subjectAreas: [{ isced: '0912', clarification: null }],
  eqfLevels: [] as 7[],
  languageSkills: [{ language: 'en', cefr: 'B2' as const, isced: null }],
  blended: false,
  otherTerms: null,
})

const AGREEMENTS: DemoAgreement[] = [
  {
    partner: 'University of Minho',
    title: 'Erasmus+ inter-institutional agreement with Minho',
    kind: 'bilateral_exchange',
    status: 'active',
    start: -420,
    end: 1400,
    signed: true,
    conditions: (h, p, y) => [studies(h, p, y, 2, 'pt', 'B1'), studies(p, h, y, 2, 'en', 'B2'), teaching(h, p, y)],
  },
  {
    partner: 'University of Évora',
    title: 'Student exchange in medicine and nursing with Évora',
    kind: 'bilateral_exchange',
    status: 'expiring',
    start: -1700,
    end: 120,
    signed: true,
    conditions: (h, p, y) => [studies(h, p, y, 1, 'pt', 'B1')],
  },
  {
    partner: 'Seoul National University',
    title: 'Memorandum of understanding with SNU',
    kind: 'mou',
    status: 'active',
    start: -700,
    end: 1100,
    signed: true,
  },
  {
    partner: 'Mongolian National University of Medical Sciences',
    title: 'Clinical electives in internal medicine and surgery',
    kind: 'clinical_affiliation',
    status: 'negotiation',
    start: 40,
    end: 1866,
    conditions: (h, p, y) => [{ ...studies(h, p, y, 4, 'mn', 'B1'), mobilityType: 'student_traineeship' }],
  },
  {
    partner: 'Sechenov University',
    title: 'Joint research in cardiovascular epidemiology',
    kind: 'research_collaboration',
    status: 'draft',
    start: 60,
    end: 1156,
  },
  {
    partner: 'Charité – Universitätsmedizin Berlin',
    title: 'Clinical traineeships at Charité',
    kind: 'clinical_affiliation',
    status: 'expired',
    start: -2000,
    end: -80,
    signed: true,
  },
  {
    partner: 'Karolinska Institutet',
    title: 'Exchange in public health with Karolinska',
    kind: 'bilateral_exchange',
    status: 'signed',
    start: 39,
    end: 1500,
    signed: true,
    conditions: (h, p, y) => [studies(h, p, y + 1, 2, 'en', 'B2')],
  },
  {
    partner: 'World Health Organization',
    title: 'Global health internships with WHO',
    kind: 'mou',
    status: 'active',
    start: -300,
    end: 1500,
    signed: true,
  },
]

/** Contacts, partner units and agreements in every state, dated around today so the demo always looks current. */
export async function seedNetwork(db: Kysely<DB>, today = todayUtc()): Promise<void> {
  const officer = await db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'officer')
    .orderBy('created_at')
    .executeTakeFirstOrThrow()
  const actor: Actor = {
    id: officer.id,
    email: officer.email,
    name: officer.name,
    role: officer.role,
    orgUnitId: null,
    institutionId: null,
    locale: officer.locale,
  }
  const ctx = { actor, requestId: 'seed', ip: '127.0.0.1' }
  const institutions = await db.selectFrom('institutions').select(['id', 'name', 'is_home']).execute()
  const home = institutions.find((i) => i.is_home)!
  const idOf = (name: string) => institutions.find((i) => i.name === name)!.id
  await db
    .insertInto('institution_contacts')
    .values([
      {
        institution_id: idOf('University of Minho'),
        position: 0,
        name: 'Ana Ribeiro',
        role: 'Erasmus+ institutional coordinator',
        email: 'partner@demo.meridian.test',
        phone: '+351 253 601 109',
      },
      {
        institution_id: idOf('University of Minho'),
        position: 1,
        name: 'João Costa',
        role: 'School of Medicine mobility desk',
        email: 'mobility.med@uminho.example',
        phone: null,
      },
      {
        institution_id: idOf('Seoul National University'),
        position: 0,
        name: '김지현 (Kim Ji-hyun)',
        role: 'Office of International Affairs',
        email: 'oia@snu.example',
        phone: '+82 2 880 8633',
      },
      {
        institution_id: idOf('Sechenov University'),
        position: 0,
        name: 'Ирина Петрова',
        role: 'Международный отдел',
        email: 'intl@sechenov.example',
        phone: null,
      },
    ])
    .execute()
  await db
    .insertInto('org_units')
    .values([{ institution_id: idOf('University of Minho'), name: 'School of Medicine', code: 'EM' }])
    .execute()
  const year = Number(academicYearOf(today).slice(0, 4))
  for (const a of AGREEMENTS) {
    const partner = idOf(a.partner)
    const id = await createAgreement({ db, clock: systemClock }, ctx, {
      title: a.title,
      kind: a.kind,
      startDate: addDays(today, a.start),
      endDate: addDays(today, a.end),
      responsibleId: officer.id,
      notes: null,
      parties: [
        { institutionId: home.id, orgUnitId: null },
        { institutionId: partner, orgUnitId: null },
      ],
      conditions: (a.conditions?.(home.id, partner, year) ?? []).map((c) => ({
        ...c,
        sendingUnitId: null,
        receivingUnitId: null,
      })),
    })
    if (a.signed) {
      await db
        .insertInto('agreement_signatories')
        .values([
          {
            agreement_id: id,
            institution_id: home.id,
            name: 'Prof. Nurlan Abenov',
            position: 'Rector',
            signed_on: addDays(today, Math.min(a.start - 30, -1)),
          },
          {
            agreement_id: id,
            institution_id: partner,
            name: 'Rector',
            position: null,
            signed_on: addDays(today, Math.min(a.start - 20, -1)),
          },
        ])
        .execute()
    }
    if (a.status !== 'draft') {
      // The demo's agreements start where their story is, not by the steps that led there.
      await db.transaction().execute(async (trx) => {
        const now = new Date()
        await trx
          .updateTable('agreements')
          .set({ status: a.status, status_changed_at: now, updated_at: now })
          .where('id', '=', id)
          .execute()
        await recordAudit(trx, systemCtx('seed'), {
          entityType: 'agreement',
          entityId: id,
          action: 'seed',
          before: { status: 'draft' },
          after: { status: a.status },
        })
      })
    }
  }
  await seedCatalog(db, ctx, today)
  await seedApplications(db, ctx, today)
}
