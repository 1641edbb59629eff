import { type Kysely, sql } from 'kysely'
import { TASK_KINDS, type TaskKind } from '../../../../shared/tasks.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { addDays } from '../../../kernel/dates.js'
import { unitScope } from '../../../kernel/scope.js'

// What is waiting for the office (issue 6, point 12; decision 028): the same lists feed the
// "waiting for you" card on the home page and the officers' daily digest. Each kind of task is
// one query over the applications of the calls the person runs (all for officers and admins, their
// unit's for a coordinator), so a task is shown to exactly those who may act on it.

export { TASK_KINDS, type TaskKind } from '../../../../shared/tasks.js'

/** Where each kind of task is done, in the web app; `:id` is the application. */
export const TASK_LINKS: Record<TaskKind, string> = {
  toNominate: '/office/applications/:id',
  checklistToVerify: '/mobilities/:id',
  checklistExpiring: '/mobilities/:id',
  agreementsToSign: '/learning-agreements/:id',
  toRecognise: '/mobilities/:id',
  surveysToModerate: '/office/surveys',
  deletionRequests: '/office/applications/:id',
}

/** Days ahead in which a verified checklist item that lapses is a task (before or during the stay). */
export const EXPIRING_WITHIN_DAYS = 14
const SHOWN = 5

function base(db: Kysely<DB>, actor: Actor) {
  const q = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
  return q.where(unitScope(actor, 'c.org_unit_id'))
}
type Base = ReturnType<typeof base>

function queries(db: Kysely<DB>, actor: Actor, today: string): Record<TaskKind, Base> {
  const ended = sql<boolean>`exists (select 1 from mobilities m where m.application_id = a.id and m.status <> 'abroad')`
  return {
    toNominate: base(db, actor).where('a.status', '=', 'accepted'),
    checklistToVerify: base(db, actor)
      .where('a.status', '=', 'host_accepted')
      .where(sql<boolean>`exists (select 1 from checklist_items i where i.application_id = a.id and i.status = 'submitted')`)
      .where(sql<boolean>`not ${ended}`),
    checklistExpiring: base(db, actor)
      .where('a.status', '=', 'host_accepted')
      .where(
        sql<boolean>`exists (select 1 from checklist_items i where i.application_id = a.id and i.status = 'verified'
          and i.expires_on <= ${addDays(today, EXPIRING_WITHIN_DAYS)}::date)`,
      )
      .where(sql<boolean>`not ${ended}`),
    agreementsToSign: base(db, actor).where(
      sql<boolean>`exists (select 1 from learning_agreements la
        join learning_agreement_versions v on v.agreement_id = la.id and v.status = 'proposed'
        where la.application_id = a.id
          and not exists (select 1 from learning_agreement_signatures s where s.version_id = v.id and s.party = 'sending'))`,
    ),
    // Only our students' credits are recognised here: not a visitor's (their home does it), nor a staff visit's.
    toRecognise: base(db, actor)
      .where(sql<boolean>`exists (select 1 from mobilities m where m.application_id = a.id and m.status = 'returned')`)
      .where('c.audience', '<>', 'staff')
      .where(
        sql<boolean>`exists (select 1 from opportunities o where o.id = a.offered_opportunity_id and o.direction = 'outgoing')`,
      ),
    surveysToModerate: base(db, actor).where(
      sql<boolean>`exists (select 1 from mobility_surveys s where s.application_id = a.id and s.status = 'pending')`,
    ),
    deletionRequests: base(db, actor).where(
      sql<boolean>`exists (select 1 from document_deletion_requests r where r.application_id = a.id and r.status = 'open')`,
    ),
  }
}

export interface TaskGroup {
  kind: TaskKind
  count: number
  /** The first few, oldest first: the application and the person it concerns. */
  items: { applicationId: string; student: string }[]
}

/** The tasks waiting for this person, by kind; kinds with nothing waiting are left out. */
export async function pendingTasks(db: Kysely<DB>, actor: Actor, today: string): Promise<TaskGroup[]> {
  if (!['admin', 'officer', 'coordinator'].includes(actor.role)) return []
  const q = queries(db, actor, today)
  const groups = await Promise.all(
    TASK_KINDS.map(async (kind) => {
      const [count, items] = await Promise.all([
        q[kind].select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
        q[kind].select(['a.id', 'u.name']).orderBy('a.updated_at').orderBy('a.id').limit(SHOWN).execute(),
      ])
      return { kind, count: count.n, items: items.map((i) => ({ applicationId: i.id, student: i.name })) }
    }),
  )
  return groups.filter((g) => g.count > 0)
}
