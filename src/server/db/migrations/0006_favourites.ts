import { type Kysely, sql } from 'kysely'

// A person's favourite opportunities in the catalog (issue 4).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table opportunity_favourites (
      user_id uuid not null references users(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, opportunity_id)
    );
    create index opportunity_favourites_opportunity on opportunity_favourites (opportunity_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
