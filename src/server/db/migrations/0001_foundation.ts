import { type Kysely, sql } from 'kysely'

// Migrations are written in SQL: they are the schema's history and must not change with the code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table institutions (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 300),
      kind text not null check (kind in ('university','hospital','research_institute','ngo','international_organisation','other')),
      country char(2) not null check (country ~ '^[A-Z]{2}$'),
      city text,
      website text,
      erasmus_code text unique,
      schac_id text unique,
      ror_id text unique,
      is_home boolean not null default false,
      languages text[] not null default '{en}',
      default_language text not null default 'en',
      logo bytea,
      logo_mime text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index institutions_one_home on institutions (is_home) where is_home;

    create table org_units (
      id uuid primary key default gen_random_uuid(),
      institution_id uuid not null references institutions(id) on delete cascade,
      name text not null,
      code text,
      created_at timestamptz not null default now(),
      unique (institution_id, name)
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email)),
      name text not null,
      role text not null check (role in ('admin','officer','coordinator','reviewer','student','staff','partner')),
      org_unit_id uuid references org_units(id),
      institution_id uuid references institutions(id),
      password_hash text,
      locale text not null default 'en',
      active boolean not null default true,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint users_coordinator_scope check (role <> 'coordinator' or org_unit_id is not null),
      constraint users_partner_scope check (role <> 'partner' or institution_id is not null)
    );
    create unique index users_email on users (email);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user on sessions (user_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user on api_tokens (user_id);

    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table invitations (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email)),
      name text,
      role text not null check (role in ('admin','officer','coordinator','reviewer','student','staff','partner')),
      org_unit_id uuid references org_units(id),
      institution_id uuid references institutions(id),
      token_hash text not null unique,
      invited_by uuid references users(id),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index invitations_email on invitations (email);

    create table sign_in_attempts (
      id bigserial primary key,
      occurred_at timestamptz not null default now(),
      kind text not null,
      email_hash text not null,
      user_id uuid,
      ip text not null,
      outcome text not null
    );
    create index sign_in_attempts_email on sign_in_attempts (email_hash, occurred_at);
    create index sign_in_attempts_ip on sign_in_attempts (ip, occurred_at);

    create table audit_events (
      id bigserial primary key,
      occurred_at timestamptz not null default now(),
      actor_id uuid,
      actor_label text not null,
      entity_type text not null,
      entity_id text not null,
      action text not null,
      before jsonb,
      after jsonb,
      request_id text
    );
    create index audit_events_time on audit_events (occurred_at desc, id desc);
    create index audit_events_entity on audit_events (entity_type, entity_id);
    create index audit_events_actor on audit_events (actor_id);

    -- The audit trail is append-only: nobody, not even the application, rewrites history.
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$;
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only();
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration is not reversible; restore a backup instead.')
}
