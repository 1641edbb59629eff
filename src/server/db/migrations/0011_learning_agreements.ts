import { type Kysely, sql } from 'kysely'

// Learning agreements (issue 6): one per outgoing mobility (an application that holds its place),
// in numbered versions (the components as jsonb, with the approved components a change proposal
// removes), each signed by the student, the sending and the receiving coordinator. At most one
// version is open (a draft or a proposal) at a time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_agreements (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null unique references applications(id) on delete cascade,
      planned_start text not null check (planned_start ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      planned_end text not null check (planned_end ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (planned_end >= planned_start)
    );
    create table learning_agreement_versions (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references learning_agreements(id) on delete cascade,
      number integer not null check (number > 0),
      status text not null default 'draft' check (status in ('draft', 'proposed', 'approved', 'rejected')),
      components jsonb not null default '[]',
      removed jsonb not null default '[]',
      comment text,
      decided_by uuid references users(id) on delete set null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      unique (agreement_id, number)
    );
    create unique index learning_agreement_versions_open on learning_agreement_versions (agreement_id)
      where status in ('draft', 'proposed');
    create table learning_agreement_signatures (
      version_id uuid not null references learning_agreement_versions(id) on delete cascade,
      party text not null check (party in ('student', 'sending', 'receiving')),
      user_id uuid references users(id) on delete set null,
      signer_name text not null,
      signer_position text not null,
      signer_email text not null,
      signed_at timestamptz not null default now(),
      primary key (version_id, party)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
