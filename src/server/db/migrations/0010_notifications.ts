import { type Kysely, sql } from 'kysely'

// In-app notifications (issue 6): what a person was told by e-mail, also kept for them to read
// in Meridian, with a link to the page it concerns and whether they have read it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      subject text not null,
      body text not null,
      link text,
      read_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index notifications_user on notifications (user_id, created_at desc);
    create index notifications_unread on notifications (user_id) where read_at is null;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
