import { type Kysely, sql } from 'kysely'

// The completion survey of a mobility (issue 6, point 8, decision 026): one per application,
// written by the student after the stay; its review appears on the opportunity in the catalog once
// the office has published it. The note to the office is never published.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mobility_surveys (
      application_id uuid primary key references applications(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      rating smallint not null check (rating between 1 and 5),
      supervision smallint check (supervision between 1 and 5),
      welcome smallint check (welcome between 1 and 5),
      housing smallint check (housing between 1 and 5),
      recommend boolean not null,
      review text not null check (length(review) between 1 and 2000),
      language text not null,
      show_name boolean not null default false,
      office_note text check (length(office_note) <= 2000),
      status text not null default 'pending' check (status in ('pending', 'published', 'rejected')),
      submitted_at timestamptz not null default now(),
      moderated_by uuid references users(id) on delete set null,
      moderated_at timestamptz,
      rejection text,
      check (status = 'pending' or moderated_at is not null),
      check (status <> 'rejected' or rejection is not null)
    );
    create index mobility_surveys_published on mobility_surveys (opportunity_id, moderated_at desc)
      where status = 'published';
    create index mobility_surveys_pending on mobility_surveys (submitted_at) where status = 'pending';
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
