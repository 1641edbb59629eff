import { type Kysely, sql } from 'kysely'

// Incoming students (issue 6, point 9; decision 029): what a visa invitation letter needs about the
// person, given by them or the office, and the office's evaluation at the end of an elective,
// printed on the certificate of attendance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table incoming_details (
      application_id uuid primary key references applications(id) on delete cascade,
      nationality char(2) not null,
      date_of_birth date not null,
      passport_number text not null check (length(passport_number) between 5 and 20),
      passport_expires_on date not null,
      updated_by uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    alter table mobilities add column evaluation text check (length(evaluation) <= 2000);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
