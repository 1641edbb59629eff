import { type Kysely, sql } from 'kysely'

// Filters of the agreement list as indexed arrays, written with the search document
// (agreements.repository.ts, reindexAgreements): partners' countries, mobility types, and the
// ISCED-F codes of the conditions with their prefixes ("0912" also as "09" and "091").
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agreements
      add column partner_countries text[] not null default '{}',
      add column mobility_types text[] not null default '{}',
      add column isced_prefixes text[] not null default '{}';
    update agreements a set
      partner_countries = coalesce((select array_agg(distinct i.country) from agreement_parties p
        join institutions i on i.id = p.institution_id where p.agreement_id = a.id and not i.is_home), '{}'),
      mobility_types = coalesce((select array_agg(distinct c.mobility_type) from agreement_conditions c
        where c.agreement_id = a.id), '{}'),
      isced_prefixes = coalesce((select array_agg(distinct p.code) from agreement_conditions c,
        jsonb_array_elements(c.subject_areas) s,
        lateral (values (left(s->>'isced', 2)), (left(s->>'isced', 3)), (s->>'isced')) p(code)
        where c.agreement_id = a.id and length(p.code) >= 2), '{}');
    create index agreements_partner_countries on agreements using gin (partner_countries);
    create index agreements_mobility_types on agreements using gin (mobility_types);
    create index agreements_isced_prefixes on agreements using gin (isced_prefixes);
    create index agreements_start on agreements (start_date);
    create index agreements_title on agreements (title);
    create index institutions_updated on institutions (updated_at desc);
    create index institutions_city on institutions (city);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
