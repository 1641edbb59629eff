import { sql } from 'kysely'
import type { Deps } from '../../deps.js'
import type { Actor } from '../../http/context.js'
import { todayUtc } from '../agreements/agreements.repository.js'
import { pendingTasks, TASK_LINKS, type TaskGroup, type TaskKind } from './tasks.js'

// The officers' daily digest (issue 6, point 12; decision 028): one e-mail a day to each officer,
// admin and coordinator who wants it and has something waiting, listing their tasks by kind with
// the first few people and a link to each. Nothing waiting, nothing sent.

const HEADINGS: Record<TaskKind, (n: number) => string> = {
  toNominate: (n) => `${n} accepted ${n === 1 ? 'place' : 'places'} to nominate to the host`,
  checklistToVerify: (n) => `${n} ${n === 1 ? 'checklist' : 'checklists'} before departure with items to verify`,
  checklistExpiring: (n) => `${n} ${n === 1 ? 'mobility' : 'mobilities'} with an insurance, certificate or visa lapsing soon`,
  agreementsToSign: (n) => `${n} learning ${n === 1 ? 'agreement' : 'agreements'} waiting for the sending signature`,
  toRecognise: (n) => `${n} ${n === 1 ? 'transcript' : 'transcripts'} of records received, credits to recognise`,
  surveysToModerate: (n) => `${n} completion ${n === 1 ? 'survey' : 'surveys'} to read before publishing`,
}

export function digestText(name: string, groups: TaskGroup[], publicUrl: string): { subject: string; text: string } {
  const total = groups.reduce((s, g) => s + g.count, 0)
  const lines = [`Dear ${name},`, '', `${total === 1 ? 'One task is' : `${total} tasks are`} waiting for you in Meridian:`, '']
  for (const g of groups) {
    lines.push(HEADINGS[g.kind](g.count))
    for (const i of g.items) lines.push(`  - ${i.student}: ${publicUrl}${TASK_LINKS[g.kind].replace(':id', i.applicationId)}`)
    if (g.count > g.items.length) lines.push(`  - and ${g.count - g.items.length} more`)
    lines.push('')
  }
  lines.push('You can turn this daily e-mail off on your account page.', `${publicUrl}/account`, '', 'Meridian')
  return { subject: `Meridian: ${total === 1 ? 'one task' : `${total} tasks`} waiting for you`, text: lines.join('\n') }
}

/** Sends today's digests: once per person and day, the mail queued in the transaction that records it. */
export async function sendDigests(
  deps: Pick<Deps, 'db' | 'mail' | 'env'>,
  today = todayUtc(),
  stop: () => boolean = () => false,
) {
  const people = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'org_unit_id', 'institution_id', 'locale'])
    .where('role', 'in', ['admin', 'officer', 'coordinator'])
    .where('active', '=', true)
    .where('daily_digest', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('digests_sent as d')
            .select('d.user_id')
            .whereRef('d.user_id', '=', 'users.id')
            .where('d.sent_on', '=', today),
        ),
      ),
    )
    .orderBy('id')
    .execute()
  let sent = 0
  for (const p of people) {
    if (stop()) break
    const actor: Actor = {
      id: p.id,
      email: p.email,
      name: p.name,
      role: p.role,
      orgUnitId: p.org_unit_id,
      institutionId: p.institution_id,
      locale: p.locale,
    }
    const groups = await pendingTasks(deps.db, actor, today)
    if (!groups.length) continue
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('digests_sent')
        .values({ user_id: p.id, sent_on: today, tasks: groups.reduce((s, g) => s + g.count, 0) })
        .onConflict((oc) => oc.doNothing())
        .returning(sql<number>`1`.as('claimed'))
        .executeTakeFirst()
      if (!row) return false
      await deps.mail.enqueue(trx, { to: p.email, ...digestText(p.name, groups, deps.env.publicUrl) })
      return true
    })
    if (claimed) sent++
  }
  return { sent }
}
