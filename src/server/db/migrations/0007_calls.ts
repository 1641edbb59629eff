import { type Kysely, sql } from 'kysely'

// Calls for applications (issue 4): a round of applications for one academic year and audience,
// open between two instants (entered and shown in the call's own time zone), offering places in
// opportunities. Places are suggested from the agreements' quotas and kept editable; places_taken
// is kept by the applications module (issue 6) as offers are accepted. People may ask to be told
// by e-mail when a call offering an opportunity opens.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calls (
      id uuid primary key default gen_random_uuid(),
      status text not null default 'draft',
      title jsonb not null,
      description jsonb not null default '{}',
      academic_year text not null check (academic_year ~ '^[0-9]{4}/[0-9]{4}$'),
      audience text not null,
      org_unit_id uuid references org_units(id),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      time_zone text not null,
      max_choices integer not null check (max_choices between 1 and 20),
      -- {"yearsOfStudy":[3,4],"minGrade":14,"programmes":["Medicine"],"notes":"..."}
      eligibility jsonb not null default '{}',
      required_documents text[] not null default '{}',
      -- [{"key":"grades","label":"Grade average","weight":60}]
      criteria jsonb not null default '[]',
      cancel_reason text,
      published_at timestamptz,
      -- set when the people who asked to be told about its opportunities have been told it opened
      opening_announced_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at > opens_at)
    );
    create index calls_status on calls (status, opens_at desc);

    create table call_offers (
      call_id uuid not null references calls(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id),
      position integer not null default 0,
      places integer not null check (places >= 0),
      suggested_places integer check (suggested_places >= 0),
      places_taken integer not null default 0 check (places_taken >= 0),
      primary key (call_id, opportunity_id)
    );
    create index call_offers_opportunity on call_offers (opportunity_id);

    -- "Tell me when it opens": a person asks to hear when a call offering the opportunity opens.
    create table opportunity_alerts (
      user_id uuid not null references users(id) on delete cascade,
      opportunity_id uuid not null references opportunities(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, opportunity_id)
    );
    create index opportunity_alerts_opportunity on opportunity_alerts (opportunity_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
