import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import { academicYearOf, shiftAcademicYear } from '../../../shared/agreements.js'
import { DEMO_DOMAIN } from '../../../shared/demo.js'
import type { LaComponent } from '../../../shared/learning-agreements.js'
import type { CallTable, DB, UserTable } from '../schema.js'
import type {
  ApplicationChoiceTable,
  ApplicationTable,
  LearningAgreementSignatureTable,
  LearningAgreementTable,
  LearningAgreementVersionTable,
  MobilityTable,
} from '../schema-applications.js'

// The demo's past (issue 6, point 13): three academic years of rounds that have run their course,
// so that the mobility report and the partners' profiles have flows to show on the first start.
// Each year, a call for our students whose placed applicants studied at a partner under an approved
// learning agreement, came back with a transcript and had their credits recognised; others were
// waitlisted, declined or rejected by the host; and a call for visiting students from partners who
// came to our elective and left with a certificate. The numbers grow from year to year.

const FIRST = [
  'Ainur',
  'Baurzhan',
  'Dilnaz',
  'Erlan',
  'Gulnara',
  'Ilyas',
  'Kamila',
  'Marat',
  'Nazira',
  'Rustem',
  'Symbat',
  'Zhanna',
]
const LAST = [
  'Akhmetova',
  'Bekov',
  'Dzhaksybekova',
  'Iskakov',
  'Kenzhebayeva',
  'Mukhanov',
  'Nurlanova',
  'Omarov',
  'Sarsenova',
  'Tokhtarov',
]
const VISITORS = [
  'Inês Carvalho',
  'Min-jun Park',
  'Lena Hoffmann',
  'Tiago Moreira',
  'Seo-yeon Kim',
  'Jonas Weber',
  'Beatriz Lopes',
]

/** Per year back: how many of ours went and came back, and how many visitors came. */
const YEARS = [
  { back: 3, went: 3, others: 2, visitors: 1 },
  { back: 2, went: 5, others: 3, visitors: 2 },
  { back: 1, went: 7, others: 4, visitors: 3 },
]
const OTHER_ENDS = ['waitlisted', 'declined', 'host_rejected', 'withdrawn'] as const

export async function seedHistory(db: Kysely<DB>, today: string) {
  const published = await db
    .selectFrom('opportunities as o')
    .innerJoin('institutions as h', 'h.id', 'o.host_institution_id')
    .select(['o.id', 'o.direction', 'o.kind', 'h.is_home', 'h.name as host'])
    .where('o.status', '=', 'published')
    .where('o.kind', 'not in', ['staff_teaching', 'staff_training', 'guest_lecture'])
    .orderBy('o.created_at')
    .execute()
  const abroad = published.filter((o) => o.direction === 'outgoing' && !o.is_home)
  const elective = published.find((o) => o.direction === 'incoming' && o.is_home)
  const partners = await db
    .selectFrom('institutions')
    .select('id')
    .where('is_home', '=', false)
    .where('kind', '=', 'university')
    .orderBy('name')
    .execute()
  const people = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('email', 'in', [`officer@${DEMO_DOMAIN}`, `partner@${DEMO_DOMAIN}`])
    .execute()
  const officer = people.find((p) => p.role === 'officer')
  const partnerCoordinator = people.find((p) => p.role === 'partner') ?? null
  if (abroad.length === 0 || !officer) return

  // Every row is made here with its id and written with its table's in one statement (PGlite
  // writes in batches far faster than row by row).
  const rows = new History()
  let n = 0
  for (const y of YEARS) {
    const year = shiftAcademicYear(academicYearOf(today), -y.back)
    const start = Number(year.slice(0, 4))
    const outgoing = rows.call(year, 'outgoing_students', `Outgoing exchanges and electives ${year}`)
    for (let i = 0; i < y.went + y.others; i++, n++) {
      const student = rows.user({
        email: `${FIRST[n % FIRST.length]!.toLowerCase()}.${LAST[n % LAST.length]!.toLowerCase()}.${start}@alumni.${DEMO_DOMAIN}`,
        name: `${FIRST[n % FIRST.length]} ${LAST[n % LAST.length]}`,
        role: 'student',
      })
      const host = abroad[n % abroad.length]!
      const went = i < y.went
      const status = went ? 'host_accepted' : OTHER_ENDS[i % OTHER_ENDS.length]!
      const placed = status !== 'waitlisted'
      const nominated = went || status === 'host_rejected'
      const applicationId = rows.application(host.id, {
        call_id: outgoing,
        applicant_id: student.id,
        status,
        profile: JSON.stringify({ studentNumber: `MSMU-${start - 4}-${2000 + n}`, yearOfStudy: 5, programme: 'Medicine' }),
        motivation: 'I want to learn how a partner hospital teaches clinical medicine.',
        submitted_at: new Date(`${start - 1}-12-${String(1 + (n % 20)).padStart(2, '0')}T10:00:00Z`),
        offered_opportunity_id: placed ? host.id : null,
        offered_choice: placed ? 1 : null,
        answered_at: placed ? new Date(`${start}-02-10T10:00:00Z`) : null,
        nominated_at: nominated ? new Date(`${start}-02-20T10:00:00Z`) : null,
        nominated_by: nominated ? officer.id : null,
        host_decided_at: nominated ? new Date(`${start}-03-15T10:00:00Z`) : null,
        host_reason: status === 'host_rejected' ? 'Our clinical places for that term are taken.' : null,
        withdrawn_at: status === 'withdrawn' ? new Date(`${start}-03-01T10:00:00Z`) : null,
        withdraw_reason: status === 'withdrawn' ? 'Family reasons.' : null,
      })
      if (went) completedAbroad(rows, applicationId, start, n, student, officer, partnerCoordinator)
    }

    if (!elective || partners.length === 0) continue
    const incoming = rows.call(year, 'incoming_students', `Clinical electives for visiting students ${year}`)
    for (let v = 0; v < y.visitors; v++, n++) {
      const name = VISITORS[n % VISITORS.length]!
      const visitor = rows.user({
        email: `${name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]+/g, '.')}.${start}@visitors.${DEMO_DOMAIN}`,
        name,
        role: 'student',
        institution_id: partners[n % partners.length]!.id,
      })
      const applicationId = rows.application(elective.id, {
        call_id: incoming,
        applicant_id: visitor.id,
        status: 'host_accepted',
        profile: JSON.stringify({ yearOfStudy: 5, programme: 'Medicine' }),
        motivation: 'I would like to see clinical medicine in Central Asia.',
        submitted_at: new Date(`${start}-01-20T10:00:00Z`),
        offered_opportunity_id: elective.id,
        offered_choice: 1,
        answered_at: new Date(`${start}-03-01T10:00:00Z`),
        host_decided_at: new Date(`${start}-03-10T10:00:00Z`),
        host_decided_by: officer.id,
      })
      const week = (d: number) => String(d + v * 7).padStart(2, '0')
      rows.mobilities.push({
        application_id: applicationId,
        status: 'returned',
        arrived_on: `${start + 1}-04-${week(6)}`,
        arrival_confirmed_by: officer.id,
        left_on: `${start + 1}-05-${week(1)}`,
        transcript_by: officer.id,
        transcript_at: new Date(`${start + 1}-05-${week(2)}T09:00:00Z`),
      })
    }
  }
  await rows.write(db)
}

/** The rows of the past rounds, table by table, in the order their references need. */
class History {
  calls: Insertable<CallTable>[] = []
  users: Insertable<UserTable>[] = []
  applications: Insertable<ApplicationTable>[] = []
  choices: Insertable<ApplicationChoiceTable>[] = []
  agreements: Insertable<LearningAgreementTable>[] = []
  versions: Insertable<LearningAgreementVersionTable>[] = []
  signatures: Insertable<LearningAgreementSignatureTable>[] = []
  mobilities: Insertable<MobilityTable>[] = []

  /** A call of a past year, published and closed long ago. */
  call(year: string, audience: 'outgoing_students' | 'incoming_students', title: string): string {
    const id = randomUUID()
    const start = Number(year.slice(0, 4))
    this.calls.push({
      id,
      status: 'published',
      title: JSON.stringify({ en: title }),
      academic_year: year,
      audience,
      opens_at: new Date(`${start - 1}-11-01T04:00:00Z`),
      closes_at: new Date(`${start}-01-31T12:00:00Z`),
      time_zone: 'Asia/Almaty',
      max_choices: 3,
      published_at: new Date(`${start - 1}-10-25T04:00:00Z`),
      opening_announced_at: new Date(`${start - 1}-11-01T04:00:00Z`),
    })
    return id
  }

  user(values: Omit<Insertable<UserTable>, 'id'>): Person {
    const id = randomUUID()
    this.users.push({ id, ...values })
    return { id, name: values.name, email: values.email }
  }

  /** An application with its one choice, the opportunity it was for. */
  application(opportunityId: string, values: Omit<Insertable<ApplicationTable>, 'id'>): string {
    const id = randomUUID()
    this.applications.push({ id, ...values })
    this.choices.push({ application_id: id, rank: 1, opportunity_id: opportunityId })
    return id
  }

  async write(db: Kysely<DB>) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('calls').values(this.calls).execute()
      await trx.insertInto('users').values(this.users).execute()
      await trx.insertInto('applications').values(this.applications).execute()
      await trx.insertInto('application_choices').values(this.choices).execute()
      if (this.agreements.length) {
        await trx.insertInto('learning_agreements').values(this.agreements).execute()
        await trx.insertInto('learning_agreement_versions').values(this.versions).execute()
        await trx.insertInto('learning_agreement_signatures').values(this.signatures).execute()
      }
      if (this.mobilities.length) await trx.insertInto('mobilities').values(this.mobilities).execute()
    })
  }
}

type Person = { id: string; name: string; email: string }

/**
 * A spring term abroad that ran its course: the learning agreement approved by all three, the
 * arrival, the host's transcript and the recognition at home of every component.
 */
function completedAbroad(
  rows: History,
  applicationId: string,
  start: number,
  n: number,
  student: Person,
  officer: Person,
  host: Person | null,
) {
  const spring = start + 1
  const rotation = 20 + (n % 3) * 5
  const term = `Spring ${spring}`
  const none = { reasonCode: null, reasonText: null }
  const components: LaComponent[] = [
    { key: 'a1', group: 'studied', title: 'Clinical rotation', code: 'CR-501', credits: rotation, term, ...none },
    { key: 'a2', group: 'studied', title: 'Case seminars', code: 'CS-510', credits: 5, term, ...none },
    {
      key: 'b1',
      group: 'recognised',
      title: 'Clinical practice abroad',
      code: 'MED-CP5',
      credits: rotation,
      term: null,
      ...none,
    },
    { key: 'b2', group: 'recognised', title: 'Elective module', code: 'MED-EL5', credits: 5, term: null, ...none },
  ]
  const agreementId = randomUUID()
  const versionId = randomUUID()
  rows.agreements.push({
    id: agreementId,
    application_id: applicationId,
    planned_start: `${spring}-02`,
    planned_end: `${spring}-06`,
  })
  rows.versions.push({
    id: versionId,
    agreement_id: agreementId,
    number: 1,
    status: 'approved',
    components: JSON.stringify(components),
    created_by: student.id,
    decided_at: new Date(`${start}-04-20T10:00:00Z`),
  })
  const signed = (party: 'student' | 'sending' | 'receiving', who: Person | null, position: string, day: number) => ({
    version_id: versionId,
    party,
    user_id: who?.id ?? null,
    signer_name: who?.name ?? 'Partner coordinator',
    signer_position: position,
    signer_email: who?.email ?? `partner@${DEMO_DOMAIN}`,
    signed_at: new Date(`${start}-04-${day}T10:00:00Z`),
  })
  rows.signatures.push(
    signed('student', student, 'Student', 10),
    signed('sending', officer, 'International officer', 14),
    signed('receiving', host, 'Erasmus coordinator', 20),
  )
  // One in four passed the seminars without the full credits, and is recognised for what they passed.
  const short = n % 4 === 3
  rows.mobilities.push({
    application_id: applicationId,
    status: 'recognised',
    arrived_on: `${spring}-02-0${1 + (n % 5)}`,
    arrival_confirmed_by: officer.id,
    left_on: `${spring}-06-2${n % 8}`,
    transcript: JSON.stringify([
      { key: 'a1', grade: `${15 + (n % 5)}/20`, credits: rotation, passed: true },
      { key: 'a2', grade: short ? '9/20' : '16/20', credits: short ? 0 : 5, passed: !short },
    ]),
    transcript_by: host?.id ?? null,
    transcript_at: new Date(`${spring}-07-10T10:00:00Z`),
    recognition: JSON.stringify([
      { key: 'b1', recognised: true, credits: rotation, grade: 'A', note: null },
      {
        key: 'b2',
        recognised: !short,
        credits: short ? 0 : 5,
        grade: short ? null : 'B',
        note: short ? 'The seminars were not passed.' : null,
      },
    ]),
    recognised_by: officer.id,
    recognised_at: new Date(`${spring}-09-05T10:00:00Z`),
  })
}
