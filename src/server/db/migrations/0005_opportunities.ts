import { type Kysely, sql } from 'kysely'

// Opportunities (issue 4): what a person can go to, with periods or rotation blocks that each
// have their own capacity. Texts a visitor reads are kept per language ({"en": "...", "pt": "..."});
// descriptions are sanitised HTML. The public catalog searches the published ones through an
// index held in memory (decision 018).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table opportunities (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      direction text not null,
      status text not null default 'draft',
      host_institution_id uuid not null references institutions(id),
      agreement_id uuid references agreements(id),
      org_unit_id uuid references org_units(id),
      title jsonb not null,
      description jsonb not null default '{}',
      isced text,
      specialty text,
      department text,
      languages jsonb not null default '[]',
      language_preparation text,
      clinical_practice boolean not null default false,
      clinical_hours_per_week integer,
      duration_weeks integer,
      years_of_study integer[] not null default '{}',
      min_grade numeric(5, 2),
      prerequisites text,
      requirements text[] not null default '{}',
      fee_amount numeric(12, 2),
      fee_currency char(3),
      funding text,
      housing text,
      application_deadline date,
      contact_name text,
      contact_email text,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index opportunities_status on opportunities (status, updated_at desc);
    create index opportunities_host on opportunities (host_institution_id);
    create index opportunities_agreement on opportunities (agreement_id);

    create table opportunity_blocks (
      id uuid primary key default gen_random_uuid(),
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      position integer not null default 0,
      label text,
      starts_on date not null,
      ends_on date not null,
      capacity integer not null check (capacity >= 0),
      check (ends_on >= starts_on)
    );
    create index opportunity_blocks_opportunity on opportunity_blocks (opportunity_id, position);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
