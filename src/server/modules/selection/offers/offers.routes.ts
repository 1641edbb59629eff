import { z } from 'zod'
import { ResultSchema } from '../../../../shared/api/allocation.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { SignedIn } from '../../../http/policy.js'
import { type App, IdParams, paged, pageOf } from '../../../http/types.js'
import { APPLICANTS, OFFICE } from '../../../kernel/roles.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import {
  ApplicationListQuery,
  ApplicationRowSchema,
  ApplicationSchema,
  WithdrawBody,
} from '../../applications/applications/applications.schema.js'
import { loadApplication } from '../../applications/applications/applications.service.js'
import { answerOffer, resultOf, withdraw } from '../allocation/allocation.service.js'
import { listCallApplications } from './call-applications.js'

// The applicant's side of the selection (why this place, withdraw, answer an offer) and the office's
// ranked list of a call's applications. The paths are the applications'; the rules are the selection's.

const tags = ['applications']

export function offersRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/applications/:id/result',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Why the published allocation gave this place: each higher choice and why it did not take the applicant',
        params: IdParams,
        response: { 200: ResultSchema },
      },
    },
    async (request) => {
      const { row, access } = await accessTo(deps.db, request.auth!.actor, request.params.id)
      if (access === 'reviewer' || access === 'host') throw AppError.notFound('The application')
      const result = await resultOf(deps.db, row.call_id, row.id)
      if (!result) throw new AppError(AppErrorCode.CONFLICT, "The call's allocation is not published yet.")
      return result as z.infer<typeof ResultSchema>
    },
  )

  app.post(
    '/api/applications/:id/withdraw',
    {
      config: { policy: SignedIn },
      schema: {
        tags,
        summary: 'Withdraw an application (the applicant, or the office for them)',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      const { access } = await accessTo(deps.db, request.auth!.actor, request.params.id)
      if (access === 'reviewer' || access === 'host')
        throw new AppError(AppErrorCode.FORBIDDEN, 'Only the applicant or the office withdraws an application.')
      await withdraw(deps, ctxOf(request), request.params.id, request.body.reason)
      return loadApplication(deps.db, request.params.id, deps.clock.now())
    },
  )

  app.post(
    '/api/applications/:id/answer',
    {
      config: { policy: APPLICANTS },
      schema: {
        tags,
        summary: 'Accept or decline the place offered, before its deadline; a declined place goes to the next in line',
        params: IdParams,
        body: z.object({ answer: z.enum(['accept', 'decline']) }).strict(),
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      await answerOffer(deps, ctxOf(request), request.params.id, request.body.answer)
      return loadApplication(deps.db, request.params.id, deps.clock.now())
    },
  )

  app.get(
    '/api/calls/:id/applications',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: "A call's applications with their combined review scores, best first",
        params: IdParams,
        querystring: ApplicationListQuery,
        response: { 200: paged(ApplicationRowSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query
      const { items, total } = await listCallApplications(deps.db, request.auth!.actor, request.params.id, request.query)
      return pageOf(items, total, page, pageSize)
    },
  )
}
