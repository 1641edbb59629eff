import { type Kysely, sql } from 'kysely'

// Staff mobility (issue 6, point 10; decision 030): the programme of a teaching or training visit,
// as in an Erasmus+ staff mobility agreement — host department, dates, activities and teaching
// hours — proposed by the visitor (or the office) and approved by the office before the visit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_programmes (
      application_id uuid primary key references applications(id) on delete cascade,
      host_department text not null check (length(host_department) between 1 and 200),
      starts_on date not null,
      ends_on date not null,
      activities text not null check (length(activities) between 1 and 4000),
      teaching_hours smallint check (teaching_hours between 1 and 200),
      status text not null default 'proposed' check (status in ('proposed', 'approved')),
      proposed_by uuid references users(id) on delete set null,
      proposed_at timestamptz not null default now(),
      approved_by uuid references users(id) on delete set null,
      approved_at timestamptz,
      check (ends_on >= starts_on),
      check (status <> 'approved' or approved_at is not null)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
