import type { Kysely } from 'kysely'
import { APPLICATION_STEPS } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'
import type { MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { releasePlace } from '../../applications/applications/applications.repository.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { applicationLifecycle } from '../../applications/applications/applications.status.js'
import type { Reader } from '../../comms/mail/templates/index.js'
import { notify } from '../../comms/notifications/notify.js'
import { giveOn } from '../../selection/allocation/allocation.service.js'
import { weHost } from '../incoming/incoming.service.js'
import { hostRecipients, nominationDetails, nomineeRows } from './nominations.repository.js'

// Nomination to the host (issue 6): the office nominates an applicant who accepted their place;
// the host's partner coordinators see their nominees, accept or reject them with a reason, and
// upload their letter of acceptance. A rejected nominee's place goes to the next in line.

export async function nominate(deps: MailDeps, ctx: Ctx, id: string, now = deps.clock.now()) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await accessTo(trx, ctx.actor!, id)
    if (access !== 'office') throw new AppError(AppErrorCode.FORBIDDEN, "Only the office of the application's call nominates.")
    const row = await lockApplication(trx, id)
    if (await weHost(trx, row.offered_opportunity_id))
      throw new AppError(AppErrorCode.CONFLICT, 'We host this place: admit the person instead of nominating them.')
    await applicationLifecycle.take(trx, ctx, row, 'nominate', { nominated_at: now, nominated_by: ctx.actor!.id })
    const info = await nominationDetails(trx, id)
    const recipients = await hostRecipients(trx, info.host_id)
    // The nomination letter goes with the mail, in each reader's language, made once per language.
    const letters = new Map<string, Promise<Buffer>>()
    const letterFor = async (r: Reader) => {
      const { nominationLetter } = await import('./nomination-letter.js')
      if (!letters.has(r.locale)) letters.set(r.locale, nominationLetter(trx, id, r.locale))
      const pdf = await letters.get(r.locale)!
      return [{ filename: letterName(info.name), contentType: 'application/pdf', content: pdf.toString('base64') }]
    }
    const told = new Set<string>()
    for (const person of recipients) {
      const email = person.email
      if (told.has(email.toLowerCase())) continue
      told.add(email.toLowerCase())
      await notify(trx, deps, {
        link: `/nominations/${info.id}`,
        to: email,
        template: 'nominationToHost',
        vars: (r) => ({ ...placeVars(info, r), name: person.name ?? undefined, student: info.name, studentEmail: info.email }),
        attachments: letterFor,
      })
    }
    await notify(trx, deps, { link: '/applications', to: info.email, template: 'nominated', vars: (r) => placeVars(info, r) })
  })
}

/** "Nomination letter - Ana Silva.pdf", with only what every mail program takes in a file name. */
function letterName(student: string): string {
  const safe = student
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} .'-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
  return `Nomination letter - ${safe || 'student'}.pdf`
}

/** The host, the place in the reader's language, and the academic year, which most nomination mail names. */
const placeVars = (info: Awaited<ReturnType<typeof nominationDetails>>, r: Reader) => ({
  host: info.host,
  opportunity: r.text(info.title),
  year: info.academic_year,
})

/** The host's answer: accepted, or rejected with a reason (the place then goes on). */
export async function decideNomination(
  deps: MailDeps,
  ctx: Ctx,
  id: string,
  input: { decision: 'accept' | 'reject'; reason: string | null },
  now = deps.clock.now(),
) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await accessTo(trx, ctx.actor!, id)
    if (access !== 'host') throw new AppError(AppErrorCode.FORBIDDEN, "Only the host's partner coordinators answer a nomination.")
    const row = await lockApplication(trx, id)
    const step = input.decision === 'accept' ? 'host_accept' : 'host_reject'
    applicationLifecycle.refuse(step, row.status)
    if (step === 'host_reject' && !input.reason) throw AppError.validation('body.reason', 'must say why the nominee is rejected')
    const status = APPLICATION_STEPS[step].to
    const fields = { host_decided_at: now, host_decided_by: ctx.actor!.id, host_reason: input.reason }
    await applicationLifecycle.take(trx, ctx, row, step, fields, { reason: input.reason })
    const info = await nominationDetails(trx, id)
    await notify(trx, deps, {
      link: '/applications',
      to: info.email,
      template: status === 'host_accepted' ? 'hostAccepted' : 'hostRejected',
      vars: (r) => ({ ...placeVars(info, r), reason: input.reason ?? '' }),
    })
    if (status === 'host_rejected') {
      await releasePlace(trx, row.call_id, row.offered_opportunity_id!)
      await giveOn(trx, deps, ctx, row.call_id, now)
    }
  })
}

/** The nominees a partner coordinator's institution hosts, newest first. */
export async function nomineesOf(db: Kysely<DB>, actor: Actor) {
  if (!actor.institutionId) return []
  const rows = await nomineeRows(db, actor.institutionId)
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    applicant: { name: r.name, email: r.email },
    academicYear: r.academic_year,
    opportunity: { id: r.opportunity_id, title: r.title },
    nominatedAt: iso(r.nominated_at),
    decidedAt: iso(r.host_decided_at),
    reason: r.host_reason,
    acceptanceLetterId: r.letter_id,
  }))
}
