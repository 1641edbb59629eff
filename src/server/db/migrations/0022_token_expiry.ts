import { type Kysely, sql } from 'kysely'

// API tokens expire (issue 18, point 4): those made without an end get one 90 days from now,
// and every token has one from here on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update api_tokens set expires_at = now() + interval '90 days' where expires_at is null`.execute(db)
  await sql`alter table api_tokens alter column expires_at set not null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_tokens alter column expires_at drop not null`.execute(db)
}
