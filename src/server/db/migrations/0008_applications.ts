import { type Kysely, sql } from 'kysely'

// Applications (issue 6): a student's profile, their application in a call with ranked choices,
// the documents they upload (special-category ones encrypted, every read logged in an
// append-only table), the call's reviewers and their scores, and the call's allocation with
// the adjustments officers make to it and the offers it gives.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table student_profiles (
      user_id uuid primary key references users(id) on delete cascade,
      student_number text,
      year_of_study integer check (year_of_study between 1 and 10),
      programme text,
      grade_average numeric(6, 2),
      -- {"pt":"B1","en":"C1"}
      languages jsonb not null default '{}',
      updated_at timestamptz not null default now()
    );

    create table applications (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references calls(id),
      applicant_id uuid not null references users(id),
      status text not null default 'draft',
      -- the profile as it was when the application was last saved: name, student number, year...
      profile jsonb not null default '{}',
      motivation text not null default '',
      -- recorded once, so a tie of scores is broken the same way in every run
      lottery double precision not null default random(),
      submitted_at timestamptz,
      withdrawn_at timestamptz,
      withdraw_reason text,
      -- the place the published allocation gives, and until when it may be accepted
      offered_opportunity_id uuid references opportunities(id),
      offered_choice integer,
      offer_deadline timestamptz,
      answered_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (call_id, applicant_id)
    );
    create index applications_applicant on applications (applicant_id);
    create index applications_call on applications (call_id, status);

    create table application_choices (
      application_id uuid not null references applications(id) on delete cascade,
      rank integer not null check (rank >= 1),
      opportunity_id uuid not null references opportunities(id),
      primary key (application_id, rank),
      unique (application_id, opportunity_id)
    );

    create table documents (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references users(id) on delete cascade,
      application_id uuid references applications(id) on delete cascade,
      kind text not null,
      file_name text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      -- AES-256-GCM (iv, tag, ciphertext) for identity and health documents; plain otherwise
      encrypted boolean not null default false,
      content bytea not null,
      expires_on date,
      uploaded_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index documents_application on documents (application_id, kind);
    create index documents_owner on documents (owner_id);

    -- Who read which document when: rows are only ever added.
    create table document_access_log (
      id bigserial primary key,
      document_id uuid not null,
      owner_id uuid not null,
      user_id uuid,
      action text not null,
      at timestamptz not null default now()
    );
    create index document_access_log_document on document_access_log (document_id, at);
    create function document_access_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'document_access_log is append-only';
    end $$;
    create trigger document_access_log_append_only before update or delete on document_access_log
      for each row execute function document_access_log_append_only();

    create table call_reviewers (
      call_id uuid not null references calls(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (call_id, user_id)
    );

    -- A reviewer's scores of one application, or their declared conflict with it.
    create table reviews (
      application_id uuid not null references applications(id) on delete cascade,
      reviewer_id uuid not null references users(id) on delete cascade,
      conflict boolean not null default false,
      conflict_note text,
      -- {"grades":80,"motivation":65}: 0-100 per criterion key of the call
      scores jsonb not null default '{}',
      comment text,
      updated_at timestamptz not null default now(),
      primary key (application_id, reviewer_id)
    );

    -- The published allocation of a call: the instance it was computed from (so that a declined
    -- place is given on by the same rule and scores), the assignment, and the offer deadline.
    create table call_allocations (
      call_id uuid primary key references calls(id) on delete cascade,
      instance jsonb not null,
      assignment jsonb not null,
      offer_deadline timestamptz not null,
      published_at timestamptz not null default now(),
      published_by uuid references users(id) on delete set null
    );

    -- An officer's change to what the engine gives: this applicant gets this place (or none).
    create table allocation_adjustments (
      call_id uuid not null references calls(id) on delete cascade,
      application_id uuid not null references applications(id) on delete cascade,
      opportunity_id uuid references opportunities(id),
      reason text not null,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (call_id, application_id)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
