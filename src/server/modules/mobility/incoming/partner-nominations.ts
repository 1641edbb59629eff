import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.js'
import type { Deps, MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { recordAudit } from '../../../kernel/audit.js'
import { createInvitation } from '../../accounts/invitations/invitations.service.js'
import { findUserByEmail } from '../../accounts/users/users.repository.js'
import { writeChoices } from '../../applications/applications/applications.repository.js'
import { profileOf } from '../../applications/applications/applications.service.js'
import { applicationLifecycle } from '../../applications/applications/applications.status.js'
import { notify } from '../../comms/notifications/notify.js'
import {
  applicationIn,
  insertNomination,
  isNominated,
  linkNomination,
  lockNomination,
  nominationCallRows,
  nominationRows,
  othersInvitationPending,
  waitingNominations,
  withdrawNomination,
} from './partner-nominations.repository.js'

// Partners nominate their students to our electives (issue 6, point 9; decision 032). A partner
// coordinator names the student and an elective of one of our published calls for visiting
// students that has not closed. Someone new is invited as a student of the partner; a student
// of the partner who has an account is told; nobody else is reached (reachOf). Either way they find a draft application in the call with the
// elective chosen (made now, or when they accept the invitation), and complete and submit it
// themselves: the review, the allocation and the admission are those of any incoming applicant.

function partnerOf(actor: Actor): string {
  if (actor.role !== 'partner' || !actor.institutionId)
    throw new AppError(AppErrorCode.FORBIDDEN, "Only a partner's coordinators nominate its students.")
  return actor.institutionId
}

/** Our calls a partner may nominate to, each with its electives. */
export async function nominationCalls(db: Kysely<DB>, actor: Actor, now: Date) {
  partnerOf(actor)
  const rows = await nominationCallRows(db, now)
  const calls = new Map<
    string,
    {
      id: string
      title: Record<string, string>
      academicYear: string
      opensAt: string
      closesAt: string
      timeZone: string
      opportunities: { id: string; title: Record<string, string> }[]
    }
  >()
  for (const r of rows) {
    const call = calls.get(r.id) ?? {
      id: r.id,
      title: r.title,
      academicYear: r.academic_year,
      opensAt: iso(r.opens_at) as string,
      closesAt: iso(r.closes_at) as string,
      timeZone: r.time_zone,
      opportunities: [],
    }
    call.opportunities.push({ id: r.opportunity_id, title: r.opportunity_title })
    calls.set(r.id, call)
  }
  return [...calls.values()]
}

/** The partner's nominations, newest first, with where each student's application stands. */
export async function partnerNominations(db: Kysely<DB>, actor: Actor) {
  const institutionId = partnerOf(actor)
  const rows = await nominationRows(db, institutionId)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    callId: r.call_id,
    callTitle: r.call_title,
    opportunityTitle: r.opportunity_title,
    nominatedBy: r.nominated_by,
    createdAt: iso(r.created_at) as string,
    /** withdrawn by the partner; invited (no account yet); or the application's own status. */
    status: r.withdrawn_at ? ('withdrawn' as const) : (r.application_status ?? ('invited' as const)),
  }))
}

export async function nominateIncoming(
  deps: MailDeps,
  ctx: Ctx,
  input: { callId: string; opportunityId: string; name: string; email: string },
  now = deps.clock.now(),
) {
  const institutionId = partnerOf(ctx.actor!)
  const email = input.email.trim().toLowerCase()
  return deps.db.transaction().execute(async (trx) => {
    const call = (await nominationCalls(trx, ctx.actor!, now)).find((c) => c.id === input.callId)
    if (!call) throw AppError.validation('body.callId', 'is not one of our calls for visiting students open to nominations')
    const elective = call.opportunities.find((o) => o.id === input.opportunityId)
    if (!elective) throw AppError.validation('body.opportunityId', 'is not an elective offered in this call')
    if (await isNominated(trx, call.id, email)) throw AppError.validation('body.email', 'is already nominated to this call')
    const id = await insertNomination(trx, {
      call_id: call.id,
      opportunity_id: elective.id,
      institution_id: institutionId,
      email,
      name: input.name,
      nominated_by: ctx.actor!.id,
    })
    await recordAudit(trx, ctx, {
      entityType: 'incoming_nomination',
      entityId: id,
      action: 'create',
      after: { callId: call.id, opportunityId: elective.id, name: input.name, email },
    })
    const partner = ctx.actor!.name
    const vars = (r: { text: (v: Record<string, string>) => string }) => ({
      name: input.name,
      partner,
      opportunity: r.text(elective.title),
      call: r.text(call.title),
    })
    // What happens next depends on who the address belongs to; the answer to the partner does
    // not, so a nomination cannot be used to learn who has an account with us.
    const reach = await reachOf(trx, email, institutionId, now)
    if (reach.kind === 'student') {
      await startNominatedApplications(trx, ctx, reach.user)
      await notify(trx, deps, { to: email, link: '/applications', template: 'partnerNominated', vars })
    } else if (reach.kind === 'new') {
      const invitation = await createInvitation(
        trx,
        deps,
        ctx,
        { email, name: input.name, role: 'student', institutionId },
        { replacePending: false },
      )
      await notify(trx, deps, {
        to: email,
        template: 'partnerNominatedInvite',
        url: invitation.url,
        inApp: false,
        vars: (r) => ({ ...vars(r), days: invitation.days }),
      })
    }
    return id
  })
}

/**
 * Whom a partner's nomination reaches: a student account of the nominating institution (told, a
 * draft made), or an address with no account and no invitation pending but this partner's own
 * (invited as its student). Anyone else — one of our people, another institution's, someone the
 * office has invited — is reached by nothing: the nomination is kept, stays "invited", and the
 * person would find it only by joining as a student of this partner.
 */
async function reachOf(
  trx: Kysely<DB>,
  email: string,
  institutionId: string,
  now: Date,
): Promise<{ kind: 'student'; user: NominatedUser } | { kind: 'new' } | { kind: 'nobody' }> {
  const person = await findUserByEmail(trx, email)
  if (person) {
    const user = { id: person.id, email: person.email, role: person.role, institutionId: person.institution_id }
    return nominatable(user, institutionId) ? { kind: 'student', user } : { kind: 'nobody' }
  }
  const othersPending = await othersInvitationPending(trx, email, institutionId, now)
  return othersPending ? { kind: 'nobody' } : { kind: 'new' }
}

interface NominatedUser {
  id: string
  email: string
  role: string
  institutionId: string | null
}

/** A partner's nominations reach only the students of that partner. */
const nominatable = (user: NominatedUser, institutionId: string | null) =>
  user.role === 'student' && !!institutionId && user.institutionId === institutionId

/** The partner takes a nomination back while the student has not submitted; a draft goes with it. */
export async function withdrawIncomingNomination(deps: Pick<Deps, 'db'>, ctx: Ctx, id: string) {
  const institutionId = partnerOf(ctx.actor!)
  await deps.db.transaction().execute(async (trx) => {
    const n = await lockNomination(trx, id, institutionId)
    if (!n) throw AppError.notFound('The nomination')
    if (n.withdrawn_at) throw new AppError(AppErrorCode.CONFLICT, 'The nomination is already withdrawn.')
    if (n.status && n.status !== 'draft')
      throw new AppError(
        AppErrorCode.CONFLICT,
        `The student's application is ${n.status}: the student or the office withdraws it now.`,
      )
    await withdrawNomination(trx, id, n.application_id)
    await recordAudit(trx, ctx, { entityType: 'incoming_nomination', entityId: id, action: 'withdraw' })
  })
}

/**
 * The drafts a nominated student finds: one per call their own institution nominated them to and
 * they have no application in yet, with the elective chosen and the profile from their account.
 * Anyone but a student of the nominating partner finds none.
 */
export async function startNominatedApplications(trx: Kysely<DB>, ctx: Ctx, user: NominatedUser) {
  if (!user.institutionId || user.role !== 'student') return
  const userId = user.id
  const waiting = await waitingNominations(trx, user.email, user.institutionId)
  if (!waiting.length) return
  const profile = await profileOf(trx, userId)
  for (const n of waiting) {
    const existing = await applicationIn(trx, n.call_id, userId)
    let applicationId = existing
    if (!applicationId) {
      applicationId = await applicationLifecycle.create(
        trx,
        ctx,
        'start',
        { call_id: n.call_id, applicant_id: userId, profile: JSON.stringify(profile) },
        { callId: n.call_id, choices: [n.opportunity_id], nomination: n.id },
      )
      await writeChoices(trx, applicationId, [n.opportunity_id])
    }
    await linkNomination(trx, n.id, applicationId)
  }
}
