import type { Kysely } from 'kysely'
import { DEMO_DOMAIN } from '../../../shared/demo.js'
import type { Ctx } from '../../http/context.js'
import { systemClock } from '../../kernel/clock.js'
import { addDays } from '../../kernel/dates.js'
import { createCall, setCallStatus } from '../../modules/catalog/calls/calls.service.js'
import type { DB } from '../schema.js'

// Demo applications: the demo student's profile, and a call for short electives that closed
// three days ago, with a dozen applicants scored by the demo reviewer, so that an officer can
// open its allocation, try adjustments and publish it.

const FIRST = ['Aigul', 'Bekzat', 'Dana', 'Yerlan', 'Madina', 'Nurlan', 'Saule', 'Timur', 'Zarina', 'Arman', 'Kamila', 'Olzhas']
const LAST = [
  'Ospanova',
  'Nurmagambetov',
  'Seitkali',
  'Abenov',
  'Zhaksylykova',
  'Karimov',
  'Tulegenova',
  'Ismailov',
  'Baimukhanova',
  'Sadykov',
  'Yessenova',
  'Mukanov',
]

export async function seedApplications(db: Kysely<DB>, ctx: Ctx, today: string) {
  const student = await db.selectFrom('users').select('id').where('email', '=', `student@${DEMO_DOMAIN}`).executeTakeFirst()
  if (student)
    await db
      .insertInto('student_profiles')
      .values({
        user_id: student.id,
        student_number: 'MSMU-2022-0417',
        year_of_study: 5,
        programme: 'Medicine',
        grade_average: 86.5,
        languages: JSON.stringify({ kk: 'C2', ru: 'C2', en: 'C1' }),
      })
      .execute()

  const offered = await db
    .selectFrom('opportunities')
    .select(['id'])
    .where('status', '=', 'published')
    .where('direction', '=', 'outgoing')
    .where('kind', 'not in', ['staff_teaching', 'staff_training', 'guest_lecture'])
    .orderBy('created_at')
    .limit(4)
    .execute()
  if (offered.length < 2) return
  const callId = await createCall({ db, clock: systemClock }, ctx, {
    title: { en: 'Short clinical electives, spring round', ru: 'Краткие клинические элективы, весенний набор' },
    description: {},
    academicYear: `${Number(today.slice(0, 4))}/${Number(today.slice(0, 4)) + 1}`,
    audience: 'outgoing_students',
    orgUnitId: null,
    opensAt: `${addDays(today, -1)}T09:00`,
    closesAt: `${addDays(today, 2)}T17:00`,
    timeZone: 'Asia/Almaty',
    maxChoices: 3,
    eligibility: { yearsOfStudy: [], minGrade: null, programmes: [], notes: null },
    requiredDocuments: [],
    criteria: [
      { key: 'grades', label: 'Grade average', weight: 60 },
      { key: 'interview', label: 'Interview', weight: 40 },
    ],
    offers: offered.map((o, i) => ({ opportunityId: o.id, places: i === 0 ? 3 : 2 })),
  })
  await setCallStatus({ db, clock: systemClock }, ctx, callId, 'published')
  // It ran three weeks and closed three days ago.
  const day = 86_400_000
  await db
    .updateTable('calls')
    .set({
      opens_at: new Date(Date.now() - 24 * day),
      closes_at: new Date(Date.now() - 3 * day),
      opening_announced_at: new Date(),
    })
    .where('id', '=', callId)
    .execute()

  const people = await db
    .insertInto('users')
    .values(
      FIRST.map((f, i) => ({
        email: `${f.toLowerCase()}.${LAST[i]!.toLowerCase()}@students.${DEMO_DOMAIN}`,
        name: `${f} ${LAST[i]}`,
        role: 'student' as const,
      })),
    )
    .returning('id')
    .execute()
  const reviewer = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', `reviewer@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow()
  await db.insertInto('call_reviewers').values({ call_id: callId, user_id: reviewer.id }).execute()
  for (const [i, person] of people.entries()) {
    const profile = {
      studentNumber: `MSMU-2021-${1000 + i}`,
      yearOfStudy: 4 + (i % 3),
      programme: 'Medicine',
      gradeAverage: 70 + ((i * 7) % 28),
      languages: { en: i % 4 === 0 ? 'B1' : 'C1', ru: 'C2', ...(i % 3 === 0 ? { pt: 'B2' } : i % 3 === 1 ? { de: 'B2' } : {}) },
    }
    const { id } = await db
      .insertInto('applications')
      .values({
        call_id: callId,
        applicant_id: person.id,
        status: 'submitted',
        profile: JSON.stringify(profile),
        motivation: 'I would like to see how clinical teaching is organised at a partner hospital and bring back what works.',
        submitted_at: new Date(Date.now() - (10 - (i % 7)) * day),
        lottery: ((i * 37) % 100) / 100,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // Most want the first elective most: the allocation has something to decide.
    const order = [0, 1, 2, 3].map((k) => offered[(k + (i % 3 === 2 ? 1 : 0)) % offered.length]!.id).slice(0, 3)
    await db
      .insertInto('application_choices')
      .values([...new Set(order)].map((opportunity_id, k) => ({ application_id: id, rank: k + 1, opportunity_id })))
      .execute()
    await db
      .insertInto('reviews')
      .values({
        application_id: id,
        reviewer_id: reviewer.id,
        scores: JSON.stringify({ grades: profile.gradeAverage, interview: 60 + ((i * 13) % 40) }),
        comment: null,
      })
      .execute()
  }
}
