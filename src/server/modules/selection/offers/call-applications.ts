import type { Kysely } from 'kysely'
import type { ApplicationStatus } from '../../../../shared/applications.js'
import type { DB } from '../../../db/schema.js'
import type { Actor } from '../../../http/context.js'
import { iso } from '../../../http/types.js'
import { managedCall } from '../../applications/applications/applications.policy.js'
import { scoresOf } from '../reviews/reviews.service.js'
import { callApplicationRows } from './offers.repository.js'

/** A call's applications for the office, drafts included, best combined score first. */
export async function listCallApplications(
  db: Kysely<DB>,
  actor: Actor,
  callId: string,
  query: { status?: ApplicationStatus[]; q?: string; page: number; pageSize: number },
) {
  await managedCall(db, actor, callId)
  const [all, scores] = await Promise.all([callApplicationRows(db, callId, query), scoresOf(db, callId)])
  const items = all
    .map((r) => {
      const p = r.profile as { yearOfStudy?: number; programme?: string; gradeAverage?: number }
      const s = scores.get(r.id)
      return {
        id: r.id,
        status: r.status,
        applicant: { id: r.applicant_id, name: r.name, email: r.email },
        yearOfStudy: p.yearOfStudy ?? null,
        programme: p.programme ?? null,
        gradeAverage: p.gradeAverage ?? null,
        choices: r.choices,
        reviews: s?.reviews ?? 0,
        score: s?.score ?? null,
        offeredOpportunityId: r.offered_opportunity_id,
        submittedAt: iso(r.submitted_at),
      }
    })
    .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.applicant.name.localeCompare(y.applicant.name))
  const start = (query.page - 1) * query.pageSize
  return { items: items.slice(start, start + query.pageSize), total: items.length }
}
