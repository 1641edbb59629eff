import type { Kysely } from 'kysely'
import type { DB, NewUser } from '../src/server/db/schema.js'
import { addDays, todayUtc } from '../src/server/kernel/dates.js'
import { hashPassword } from '../src/server/modules/accounts/auth/password.js'

export const TEST_PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | null = null

let counter = 0
/** A user with sensible defaults; override what the test is about. */
export async function buildUser(db: Kysely<DB>, overrides: Partial<NewUser> = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  counter += 1
  return db
    .insertInto('users')
    .values({
      email: `person${counter}-${Date.now()}@example.test`,
      name: `Person ${counter}`,
      role: 'student',
      password_hash: await passwordHash,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A cooperation condition for an agreement body: our students to `partnerId`, two places a year in medicine. */
export function conditionBody(homeId: string, partnerId: string, over: object = {}) {
  return {
    mobilityType: 'student_studies',
    sendingInstitutionId: homeId,
    receivingInstitutionId: partnerId,
    academicYearFrom: '2026/2027',
    academicYearTo: '2028/2029',
    mobilitiesPerYear: 2,
    totalMonthsPerYear: 10,
    subjectAreas: [{ isced: '0912', clarification: 'Medicine' }],
    eqfLevels: [7],
    languageSkills: [{ language: 'ko', cefr: 'B1' }],
    ...over,
  }
}

/** A bilateral exchange with `partnerId`, in force from ten days ago, with one condition. */
export function agreementBody(homeId: string, partnerId: string, over: object = {}) {
  return {
    title: 'Exchange in medicine with SNU',
    kind: 'bilateral_exchange',
    startDate: addDays(todayUtc(), -10),
    endDate: addDays(todayUtc(), 1500),
    parties: [{ institutionId: homeId }, { institutionId: partnerId }],
    conditions: [conditionBody(homeId, partnerId)],
    ...over,
  }
}
