import { type Kysely, sql } from 'kysely'

// The checklist before departure (issue 6, decision 025): one row per item the student has
// submitted for a mobility, with what it records, its expiry, the officer's verification or
// rejection, and the last expiry reminder sent. An item without a row is missing. Incident notes
// on a mobility, for officers only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table checklist_items (
      application_id uuid not null references applications(id) on delete cascade,
      item text not null,
      status text not null check (status in ('submitted', 'verified', 'rejected')),
      details jsonb not null,
      expires_on date,
      submitted_by uuid references users(id) on delete set null,
      submitted_at timestamptz not null default now(),
      verified_by uuid references users(id) on delete set null,
      verified_at timestamptz,
      rejection text,
      reminded_days integer,
      primary key (application_id, item),
      check (status <> 'verified' or verified_at is not null),
      check (status <> 'rejected' or rejection is not null)
    );
    create index checklist_items_expiry on checklist_items (expires_on) where expires_on is not null;

    -- What happened to a person abroad (illness, accident, a crisis at the host), for officers only.
    create table mobility_incidents (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references applications(id) on delete cascade,
      severity text not null check (severity in ('info', 'concern', 'emergency')),
      note text not null check (length(note) between 1 and 4000),
      occurred_on date not null,
      written_by uuid references users(id) on delete set null,
      written_at timestamptz not null default now()
    );
    create index mobility_incidents_application on mobility_incidents (application_id, written_at);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
