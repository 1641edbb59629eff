import type { Kysely } from 'kysely'
import type { DB, NewUser } from '../src/server/db/schema.js'
import { hashPassword } from '../src/server/modules/auth/password.js'

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
