import { type Kysely, sql } from 'kysely'

// A person asks the office to delete one of their documents once they can no longer delete it
// themselves (issue 6, point 11; decision 034): the request, with their reason, waits for the
// office, which deletes the document or keeps it with a reason the person reads. The request stays
// when the document is gone, as the record of what was asked and done.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table document_deletion_requests (
      id uuid primary key default gen_random_uuid(),
      document_id uuid references documents(id) on delete set null,
      owner_id uuid not null references users(id) on delete cascade,
      application_id uuid references applications(id) on delete cascade,
      file_name text not null,
      reason text not null,
      requested_at timestamptz not null default now(),
      status text not null default 'open' check (status in ('open', 'deleted', 'kept')),
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz,
      keep_reason text,
      check (status = 'open' or decided_at is not null),
      check (status <> 'kept' or keep_reason is not null)
    );
    create unique index document_deletion_requests_open on document_deletion_requests (document_id) where status = 'open';
    create index document_deletion_requests_application on document_deletion_requests (application_id, requested_at);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
