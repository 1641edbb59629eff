import { type Kysely, sql } from 'kysely'
import type { DB } from '../src/server/db/schema.js'

/**
 * Ten academic years of mobility for the report's benchmark, written by the database itself:
 * per year a call for our students, one for visiting students and one for staff, `perYear`
 * applicants (each their own account) spread over them and over the generated opportunities,
 * taken through the pipeline in fixed shares (a third placed, a fifth accepted by the host, most of
 * those over with a transcript and credits recognised), and students from partners coming to us.
 */
export async function generateHistory(db: Kysely<DB>, perYear: number, lastYearStart = 2025) {
  const years = Array.from({ length: 10 }, (_, i) => lastYearStart - 9 + i)
  await sql`
    insert into calls (title, academic_year, audience, opens_at, closes_at, time_zone, max_choices, status)
    select jsonb_build_object('en', 'Bench ' || a.audience || ' ' || y || '/' || (y + 1)), y || '/' || (y + 1), a.audience,
      make_timestamptz(y - 1, 11, 1, 0, 0, 0, 'UTC'), make_timestamptz(y, 1, 31, 0, 0, 0, 'UTC'), 'UTC', 3, 'published'
    from unnest(${sql.val(years)}::int[]) y
    cross join (values ('outgoing_students'), ('incoming_students'), ('staff')) a(audience)
  `.execute(db)
  // Applicants: students of ours, and students of partners for the incoming calls.
  await sql`
    with partners as (select id, row_number() over (order by id) - 1 as k from institutions where not is_home)
    insert into users (email, name, role, institution_id)
    select 'bench-applicant-' || g || '@bench.example.test', 'Applicant ' || g, 'student', case when g % 5 = 0 then p.id end
    from generate_series(1, ${perYear * years.length}) g
    left join partners p on p.k = g % (select count(*) from partners)
  `.execute(db)
  await sql`
    with people as (
      select u.id, row_number() over (order by u.email) as n, u.institution_id
      from users u where u.email like 'bench-applicant-%'
    ),
    opps as (select id, row_number() over (order by id) - 1 as k from opportunities where status = 'published'),
    bench_calls as (select id, academic_year, audience from calls where title->>'en' like 'Bench %'),
    placed as (
      select p.id as applicant_id, p.n, c.id as call_id, o.id as opportunity_id
      from people p
      join bench_calls c
        on c.academic_year = (${lastYearStart - 9} + ((p.n - 1) % 10)) || '/' || (${lastYearStart - 8} + ((p.n - 1) % 10))
        and c.audience = case when p.institution_id is not null then 'incoming_students' when p.n % 11 = 0 then 'staff' else 'outgoing_students' end
      join opps o on o.k = (p.n * 7919) % (select count(*) from opps)
    )
    insert into applications (call_id, applicant_id, status, submitted_at, offered_opportunity_id, offered_choice)
    select call_id, applicant_id,
      case when n % 15 < 3 then 'host_accepted' when n % 15 < 5 then 'accepted' when n % 15 = 5 then 'declined'
        when n % 15 = 6 then 'withdrawn' when n % 15 = 7 then 'host_rejected' else 'submitted' end,
      now(), case when n % 15 < 8 then opportunity_id end, case when n % 15 < 8 then 1 end
    from placed
  `.execute(db)
  await sql`
    with opps as (select id, row_number() over (order by id) - 1 as k from opportunities where status = 'published')
    insert into application_choices (application_id, rank, opportunity_id)
    select a.id, 1, coalesce(a.offered_opportunity_id, o.id)
    from applications a
    join users u on u.id = a.applicant_id
    join opps o on o.k = abs(hashtext(a.id::text)) % (select count(*) from opps)
    where u.email like 'bench-applicant-%'
  `.execute(db)
  // Four in five of those accepted by the host are over, most with their credits recognised.
  await sql`
    insert into mobilities (application_id, status, arrived_on, left_on, transcript_at, recognition, recognised_at)
    select a.id,
      case when r % 5 = 0 then 'abroad' when r % 5 = 1 then 'returned' else 'recognised' end,
      make_date(split_part(c.academic_year, '/', 2)::int, 2, 1),
      case when r % 5 <> 0 then make_date(split_part(c.academic_year, '/', 2)::int, 6, 30) end,
      case when r % 5 <> 0 then now() end,
      case when r % 5 > 1 then '[{"key":"b1","recognised":true,"credits":25,"grade":"A","note":null},{"key":"b2","recognised":true,"credits":5,"grade":"B","note":null}]'::jsonb
        else '[]'::jsonb end,
      case when r % 5 > 1 then now() end
    from (select a.*, row_number() over (order by a.id) as r from applications a where a.status = 'host_accepted') a
    join calls c on c.id = a.call_id
  `.execute(db)
  await sql`analyze`.execute(db)
}
