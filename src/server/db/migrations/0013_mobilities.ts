import { type Kysely, sql } from 'kysely'

// The outgoing mobility after the host's acceptance (issue 6): the arrival, the host's transcript
// of records for the components studied (results per table-A component of the approved learning
// agreement, and the document), and the recognition at home per table-B component. One row per
// application, written from the arrival on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mobilities (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null unique references applications(id) on delete cascade,
      status text not null default 'abroad' check (status in ('abroad', 'returned', 'recognised')),
      arrived_on date not null,
      arrival_confirmed_by uuid references users(id) on delete set null,
      left_on date check (left_on >= arrived_on),
      transcript jsonb not null default '[]',
      transcript_by uuid references users(id) on delete set null,
      transcript_at timestamptz,
      recognition jsonb not null default '[]',
      recognised_by uuid references users(id) on delete set null,
      recognised_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'abroad' or (left_on is not null and transcript_at is not null)),
      check (status <> 'recognised' or recognised_at is not null)
    );
    create index mobilities_status on mobilities (status);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
