import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.js'

// The daily digest's own queries; what it lists is read in tasks.repository.ts.

/** The office's people who take the digest and have not had today's yet. */
export function digestRecipients(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'org_unit_id', 'institution_id', 'locale'])
    .where('role', 'in', ['admin', 'officer', 'coordinator'])
    .where('active', '=', true)
    .where('daily_digest', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('digests_sent as d')
            .select('d.user_id')
            .whereRef('d.user_id', '=', 'users.id')
            .where('d.sent_on', '=', today),
        ),
      ),
    )
    .orderBy('id')
    .execute()
}

/** Records today's digest for a person, unless another run already did; whether this one did. */
export async function claimDigest(trx: Kysely<DB>, userId: string, today: string, tasks: number): Promise<boolean> {
  const row = await trx
    .insertInto('digests_sent')
    .values({ user_id: userId, sent_on: today, tasks })
    .onConflict((oc) => oc.doNothing())
    .returning(sql<number>`1`.as('claimed'))
    .executeTakeFirst()
  return row !== undefined
}
