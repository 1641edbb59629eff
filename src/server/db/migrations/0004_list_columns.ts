import { type Kysely, sql } from 'kysely'

// What the partner and agreement lists show and how they are read (decision 016). What a list
// shows is kept on the rows it lists, so a page is read from one table without a subquery per row.
//
// - agreements.party_summary and places_per_year: the parties as the list shows them and the
//   mobilities per year of all conditions. Written with the search document by
//   reindexAgreements (agreements.repository.ts), which every change of parties, conditions,
//   institution names or units already calls.
// - institutions.agreements_total, agreements_in_force and next_end_date: kept by triggers, so
//   no path that changes an agreement's status, dates or parties (the daily job, a transition,
//   a merge, an import) can leave them behind. The triggers add and subtract; the next end
//   date is looked up again only when the agreement that set it leaves. "In force" is the
//   statuses active and expiring (IN_FORCE in src/shared/agreements.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agreements
      add column party_summary jsonb not null default '[]',
      add column places_per_year integer;
    update agreements a set
      party_summary = (select coalesce(jsonb_agg(jsonb_build_object('institutionId', p.institution_id, 'name', i.name,
          'country', i.country, 'isHome', i.is_home, 'orgUnitId', p.org_unit_id, 'orgUnitName', o.name) order by p.position), '[]')
        from agreement_parties p join institutions i on i.id = p.institution_id left join org_units o on o.id = p.org_unit_id
        where p.agreement_id = a.id),
      places_per_year = (select sum(c.mobilities_per_year)::int from agreement_conditions c where c.agreement_id = a.id);

    alter table institutions
      add column agreements_total integer not null default 0,
      add column agreements_in_force integer not null default 0,
      add column next_end_date date;
    update institutions i set
      agreements_total = c.total, agreements_in_force = c.in_force, next_end_date = c.next_end
    from (select p.institution_id, count(*)::int as total,
            (count(*) filter (where a.status in ('active', 'expiring')))::int as in_force,
            min(a.end_date) filter (where a.status in ('active', 'expiring')) as next_end
          from agreement_parties p join agreements a on a.id = p.agreement_id group by p.institution_id) c
    where i.id = c.institution_id;

    create index agreements_in_force_end on agreements (end_date, id) where status in ('active', 'expiring');
    create index agreements_kind on agreements (kind, updated_at desc);
    -- Prefix searches ("univ:*") are estimated from the most common words of the column, and only
    -- when at least 100 are known; a larger sample knows enough words for the planner to tell a
    -- search that matches half the list (read it in order) from one that matches a few rows.
    alter table institutions alter column search set statistics 1000;
    alter table agreements alter column search set statistics 1000;
    create index institutions_in_force on institutions (agreements_in_force desc, name, id);

    -- The next end date of one institution, when the agreement that set it has gone out of force.
    -- Dynamic, so it is planned for this institution: the home institution is a party to nearly
    -- every agreement (walk the end dates), a partner to a few (look up its parties).
    create function meridian_refresh_next_end(institution uuid, was date) returns void language plpgsql as $fn$
    begin
      execute 'update institutions set next_end_date = (select a.end_date from agreements a
          where a.status in (''active'', ''expiring'') and a.end_date is not null
            and exists (select 1 from agreement_parties p where p.agreement_id = a.id and p.institution_id = $1)
          order by a.end_date limit 1)
        where id = $1 and next_end_date = $2' using institution, was;
    end $fn$;

    -- Adds (sign 1) or removes (sign -1) one agreement from an institution's figures.
    create function meridian_count_party(institution uuid, agreement uuid, sign integer) returns void language plpgsql as $fn$
    declare
      s text;
      ends date;
      counts boolean;
    begin
      select status, end_date into s, ends from agreements where id = agreement;
      if not found then return; end if;
      counts := s in ('active', 'expiring');
      update institutions set
        agreements_total = agreements_total + sign,
        agreements_in_force = agreements_in_force + case when counts then sign else 0 end,
        next_end_date = case when counts and sign > 0 then least(next_end_date, ends) else next_end_date end
      where id = institution;
      if counts and sign < 0 and ends is not null then perform meridian_refresh_next_end(institution, ends); end if;
    end $fn$;

    create function meridian_party_counts() returns trigger language plpgsql as $fn$
    begin
      if tg_op in ('DELETE', 'UPDATE') then perform meridian_count_party(old.institution_id, old.agreement_id, -1); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform meridian_count_party(new.institution_id, new.agreement_id, 1); end if;
      return null;
    end $fn$;
    create trigger agreement_parties_counts after insert or delete on agreement_parties
      for each row execute function meridian_party_counts();
    create trigger agreement_parties_moved after update of institution_id, agreement_id on agreement_parties
      for each row when (old.institution_id is distinct from new.institution_id or old.agreement_id is distinct from new.agreement_id)
      execute function meridian_party_counts();

    -- A change of status or dates moves the figures of every party, the home institution first
    -- (every agreement has it), so concurrent writers take their locks in the same order.
    create function meridian_agreement_counts() returns trigger language plpgsql as $fn$
    declare
      was boolean := old.status in ('active', 'expiring');
      now_in boolean := new.status in ('active', 'expiring');
      party record;
    begin
      for party in select p.institution_id from agreement_parties p join institutions i on i.id = p.institution_id
          where p.agreement_id = new.id order by i.is_home desc, i.id loop
        update institutions set
          agreements_in_force = agreements_in_force + now_in::int - was::int,
          next_end_date = case when now_in then least(next_end_date, new.end_date) else next_end_date end
        where id = party.institution_id;
        if was and old.end_date is not null and (not now_in or new.end_date is null or new.end_date > old.end_date) then
          perform meridian_refresh_next_end(party.institution_id, old.end_date);
        end if;
      end loop;
      return null;
    end $fn$;
    create trigger agreements_counts after update of status, end_date on agreements
      for each row when (old.status is distinct from new.status or old.end_date is distinct from new.end_date)
      execute function meridian_agreement_counts();

    -- A deleted agreement leaves its parties first, while its status can still be read.
    create function meridian_agreement_deleted() returns trigger language plpgsql as $fn$
    begin
      delete from agreement_parties where agreement_id = old.id;
      return old;
    end $fn$;
    create trigger agreements_deleted before delete on agreements
      for each row execute function meridian_agreement_deleted();
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversible; restore a backup instead.')
}
