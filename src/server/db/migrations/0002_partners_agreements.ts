import { type Kysely, sql } from 'kysely'

// The partner and agreement registry (issue 3). Conditions follow EWP IIA v7 so that an
// agreement can be exchanged over Erasmus Without Paper without remodelling.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table institutions
      add column tags text[] not null default '{}',
      add column notes text,
      -- Folded (lower case, no accents, no punctuation) name, for duplicate checks and matching imports.
      add column name_key text not null default '',
      -- Written by the application from the name, city, identifiers and tags (folded and not).
      add column search tsvector not null default ''::tsvector,
      add column merged_into uuid references institutions(id);
    -- Existing rows get an approximate key now; every later write sets it from the application.
    update institutions set
      name_key = trim(regexp_replace(lower(translate(name,
        'ÁÀÂÃÄÅÇÉÈÊËÍÌÎÏÑÓÒÔÕÖÚÙÛÜÝáàâãäåçéèêëíìîïñóòôõöúùûüý',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuy')), '[^[:alnum:]]+', ' ', 'g')),
      search = to_tsvector('simple', concat_ws(' ', name, city, erasmus_code, schac_id, ror_id));
    create index institutions_search on institutions using gin (search);
    create index institutions_country_key on institutions (country, name_key);
    create index institutions_name on institutions (name);

    create table institution_contacts (
      id uuid primary key default gen_random_uuid(),
      institution_id uuid not null references institutions(id) on delete cascade,
      position int not null default 0,
      name text not null,
      role text,
      email text,
      phone text,
      created_at timestamptz not null default now()
    );
    create index institution_contacts_institution on institution_contacts (institution_id);

    create sequence agreement_reference_seq;
    create table agreements (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      title text not null check (length(title) between 1 and 300),
      kind text not null check (kind in ('mou','bilateral_exchange','clinical_affiliation','research_collaboration','joint_degree')),
      status text not null default 'draft'
        check (status in ('draft','negotiation','signed','active','expiring','expired','terminated','renewed')),
      start_date date,
      end_date date,
      responsible_id uuid references users(id),
      predecessor_id uuid references agreements(id),
      termination_reason text,
      status_changed_at timestamptz not null default now(),
      notes text,
      search tsvector not null default ''::tsvector,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint agreements_dates check (end_date is null or start_date is null or end_date >= start_date),
      constraint agreements_terminated_reason check (status <> 'terminated' or termination_reason is not null)
    );
    create index agreements_search on agreements using gin (search);
    create index agreements_status_end on agreements (status, end_date);
    create index agreements_end on agreements (end_date);
    create index agreements_updated on agreements (updated_at desc);
    create index agreements_predecessor on agreements (predecessor_id);

    create table agreement_parties (
      agreement_id uuid not null references agreements(id) on delete cascade,
      institution_id uuid not null references institutions(id),
      org_unit_id uuid references org_units(id),
      position int not null default 0,
      primary key (agreement_id, institution_id)
    );
    create index agreement_parties_institution on agreement_parties (institution_id);

    create table agreement_conditions (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      position int not null default 0,
      mobility_type text not null
        check (mobility_type in ('student_studies','student_traineeship','staff_teaching','staff_training')),
      sending_institution_id uuid not null references institutions(id),
      sending_unit_id uuid references org_units(id),
      receiving_institution_id uuid not null references institutions(id),
      receiving_unit_id uuid references org_units(id),
      academic_year_from text not null check (academic_year_from ~ '^[0-9]{4}/[0-9]{4}$'),
      academic_year_to text not null check (academic_year_to ~ '^[0-9]{4}/[0-9]{4}$'),
      mobilities_per_year int check (mobilities_per_year >= 0),
      total_months_per_year numeric(7,2) check (total_months_per_year >= 0),
      total_days_per_year int check (total_days_per_year >= 0),
      -- [{"isced":"0912","clarification":"Medicine"}]
      subject_areas jsonb not null default '[]',
      eqf_levels int[] not null default '{}',
      -- [{"language":"pt","cefr":"B1","isced":"0912"}]
      language_skills jsonb not null default '[]',
      blended boolean not null default false,
      other_terms text
    );
    create index agreement_conditions_agreement on agreement_conditions (agreement_id);
    create index agreement_conditions_type on agreement_conditions (mobility_type, agreement_id);

    create table agreement_signatories (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      institution_id uuid not null references institutions(id),
      name text not null,
      position text,
      signed_on date,
      created_at timestamptz not null default now()
    );
    create index agreement_signatories_agreement on agreement_signatories (agreement_id);

    -- Attachments live in the database: outside the web root, in every backup, and written
    -- in the same transaction as their audit record.
    create table agreement_files (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      kind text not null check (kind in ('signed_copy','annex','correspondence','other')),
      file_name text not null,
      mime text not null,
      size int not null,
      sha256 text not null,
      version int not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null default now(),
      unique (agreement_id, file_name, version)
    );
    create index agreement_files_agreement on agreement_files (agreement_id);

    create table agreement_comments (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreements(id) on delete cascade,
      author_id uuid references users(id),
      body text not null,
      created_at timestamptz not null default now()
    );
    create index agreement_comments_agreement on agreement_comments (agreement_id, created_at);

    -- One row per reminder sent, so the daily job never sends the same one twice.
    create table agreement_reminders (
      agreement_id uuid not null references agreements(id) on delete cascade,
      end_date date not null,
      days int not null,
      sent_at timestamptz not null default now(),
      primary key (agreement_id, end_date, days)
    );

    create table app_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table import_uploads (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      file_name text not null,
      content bytea not null,
      created_at timestamptz not null default now(),
      committed_at timestamptz
    );

    -- Column mappings, remembered per kind of import and set of headers.
    create table import_mappings (
      kind text not null,
      header_key text not null,
      mapping jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (kind, header_key)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
