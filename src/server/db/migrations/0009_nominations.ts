import { type Kysely, sql } from 'kysely'

// Nomination to the host (issue 6): when the office nominated an accepted applicant, and the
// host's answer (accepted or rejected, with a reason) given by a partner coordinator.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table applications
      add column nominated_at timestamptz,
      add column nominated_by uuid references users(id) on delete set null,
      add column host_decided_at timestamptz,
      add column host_decided_by uuid references users(id) on delete set null,
      add column host_reason text;
    create index applications_nominated on applications (offered_opportunity_id) where nominated_at is not null;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
