import { type Kysely, sql } from 'kysely'

// The officers' daily digest (issue 6, point 12; decision 028): whether each person wants it, and
// the days it was sent, so that two runs on one day (a retry, a second server) send it once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column daily_digest boolean not null default true;
    create table digests_sent (
      user_id uuid not null references users(id) on delete cascade,
      sent_on date not null,
      tasks integer not null,
      primary key (user_id, sent_on)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
