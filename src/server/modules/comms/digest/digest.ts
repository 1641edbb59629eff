import { fillPlaceholders } from '../../../../shared/mail-templates.js'
import type { MailDeps } from '../../../deps.js'
import type { Actor } from '../../../http/context.js'
import { todayUtc } from '../../../kernel/dates.js'
import type { Reader } from '../mail/templates/index.js'
import { notify } from '../notifications/notify.js'
import { claimDigest, digestRecipients } from './digest.repository.js'
import { pendingTasks, TASK_LINKS, type TaskGroup } from './tasks.repository.js'

// The officers' daily digest (issue 6, point 12; decision 028): one e-mail a day to each officer,
// admin and coordinator who wants it and has something waiting, listing their tasks by kind with
// the first few people and a link to each. Nothing waiting, nothing sent.

/** The digest's list of tasks in the reader's language: each kind with its count, the first few people and their links. */
export function digestTasks(groups: TaskGroup[], reader: Reader, publicUrl: string): string {
  const lines: string[] = []
  for (const g of groups) {
    lines.push(`${reader.pack.tasks[g.kind]}: ${g.count}`)
    for (const i of g.items) lines.push(`  - ${i.student}: ${publicUrl}${TASK_LINKS[g.kind].replace(':id', i.applicationId)}`)
    if (g.count > g.items.length) lines.push(`  - ${fillPlaceholders(reader.pack.more, { count: g.count - g.items.length })}`)
    lines.push('')
  }
  return lines.join('\n').trimEnd()
}

/** Sends today's digests: once per person and day, the mail queued in the transaction that records it. */
export async function sendDigests(deps: MailDeps, today = todayUtc(deps.clock.now()), stop: () => boolean = () => false) {
  const people = await digestRecipients(deps.db, today)
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
    const total = groups.reduce((s, g) => s + g.count, 0)
    const claimed = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimDigest(trx, p.id, today, total))) return false
      await notify(trx, deps, {
        to: p.email,
        link: '/account',
        inApp: false,
        template: 'dailyDigest',
        vars: (r) => ({ count: total, tasks: digestTasks(groups, r, deps.env.publicUrl) }),
      })
      return true
    })
    if (claimed) sent++
  }
  return { sent }
}
