import { type Kysely, sql } from 'kysely'

// Partners nominate their students to our electives (issue 6, point 9; decision 032): the partner
// coordinator names the student and the elective in one of our calls for visiting students; the
// student is invited (or told, with an account) and finds a draft application with that elective
// chosen, which they complete and submit like any other.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table incoming_nominations (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id),
      institution_id uuid not null references institutions(id),
      email text not null,
      name text not null,
      nominated_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      application_id uuid references applications(id) on delete set null,
      withdrawn_at timestamptz
    );
    create unique index incoming_nominations_once on incoming_nominations (call_id, lower(email)) where withdrawn_at is null;
    create index incoming_nominations_institution on incoming_nominations (institution_id, created_at desc);
    create index incoming_nominations_email on incoming_nominations (lower(email)) where application_id is null and withdrawn_at is null;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
