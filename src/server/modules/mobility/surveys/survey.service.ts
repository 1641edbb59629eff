import type { Kysely, Selectable } from 'kysely'
import type { MobilityStatus } from '../../../../shared/mobilities.js'
import { authorLabel, meanRating, SURVEY_OPEN_IN } from '../../../../shared/surveys.js'
import type { DB } from '../../../db/schema.js'
import type { MobilitySurveyTable } from '../../../db/schema-applications.js'
import type { MailDeps } from '../../../deps.js'
import type { Actor, Ctx } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { iso } from '../../../http/types.js'
import { accessTo } from '../../applications/applications/applications.policy.js'
import { lockApplication } from '../../applications/applications/applications.service.js'
import { tellOfficer, tellStudent } from '../mobilities/mobility.mail.js'
import { mobilityOf } from '../mobilities/mobility.repository.js'
import { mayTakeSurveyStep, readsSurvey, SURVEY_STEPS } from './survey.policy.js'
import {
  lockSurvey,
  opportunityStatusOf,
  publishedReviews,
  type SurveyQueueQuery,
  surveyOf,
  surveyPage,
} from './survey.repository.js'
import type { SurveyAnswers } from './survey.schema.js'
import { surveyLifecycle } from './survey.status.js'

const { can } = surveyLifecycle

/** Where the stay stands: 'preparing' until the arrival. */
const mobilityStatus = async (db: Kysely<DB>, applicationId: string): Promise<MobilityStatus> =>
  (await mobilityOf(db, applicationId))?.status ?? 'preparing'

// The completion survey (issue 6, point 8, decision 026). The student answers it once the host's
// transcript has ended the stay, and may rewrite it until the office publishes it. The office
// publishes the review on the opportunity in the catalog, or rejects it with a reason the student
// is told (and may rewrite), or takes a published one back. The note to the office and the
// student's surname never leave the office.

type SurveyRow = Selectable<MobilitySurveyTable>

function answersOf(r: SurveyRow) {
  return {
    rating: r.rating,
    aspects: { supervision: r.supervision, welcome: r.welcome, housing: r.housing },
    recommend: r.recommend,
    review: r.review,
    language: r.language,
    showName: r.show_name,
  }
}

/** The whole survey, for the student who wrote it and the office. */
function surveyDto(r: SurveyRow) {
  return {
    ...answersOf(r),
    officeNote: r.office_note,
    status: r.status,
    submittedAt: iso(r.submitted_at)!,
    moderatedAt: iso(r.moderated_at),
    rejection: r.rejection,
  }
}

/** The survey of a mobility for the student and the office (the host and reviewers are told it does not exist). */
export async function loadSurvey(db: Kysely<DB>, actor: Actor, applicationId: string) {
  const { row, access } = await accessTo(db, actor, applicationId)
  if (!readsSurvey(access)) throw AppError.notFound('The survey')
  const [survey, status] = await Promise.all([surveyOf(db, applicationId), mobilityStatus(db, applicationId)])
  const open = row.status === 'host_accepted' && SURVEY_OPEN_IN.includes(status)
  return {
    open,
    survey: survey ? surveyDto(survey) : null,
    actions: {
      answer: open && mayTakeSurveyStep('answer', access) && (!survey || can('rewrite', survey.status)),
      publish: mayTakeSurveyStep('moderate', access) && !!survey && can('publish', survey.status),
      reject:
        mayTakeSurveyStep('moderate', access) && !!survey && (can('reject', survey.status) || can('withdraw', survey.status)),
    },
  }
}

/** The student's answers: a first survey, or a rewrite while it is not published. */
export async function answerSurvey(deps: MailDeps, ctx: Ctx, applicationId: string, input: SurveyAnswers) {
  await deps.db.transaction().execute(async (trx) => {
    const { row, access } = await accessTo(trx, ctx.actor!, applicationId)
    if (!readsSurvey(access)) throw AppError.notFound('The survey')
    if (!mayTakeSurveyStep('answer', access)) throw new AppError(AppErrorCode.FORBIDDEN, SURVEY_STEPS.answer.refusal)
    const locked = await lockApplication(trx, row.id)
    const status = await mobilityStatus(trx, applicationId)
    if (locked.status !== 'host_accepted' || !SURVEY_OPEN_IN.includes(status))
      throw new AppError(AppErrorCode.CONFLICT, 'The survey opens once the host has sent the transcript of records.')
    const before = await lockSurvey(trx, applicationId)
    if (before && !can('rewrite', before.status))
      throw new AppError(AppErrorCode.CONFLICT, 'The review is published: ask the office to take it back before you change it.')
    const values = {
      rating: input.rating,
      supervision: input.aspects.supervision ?? null,
      welcome: input.aspects.welcome ?? null,
      housing: input.aspects.housing ?? null,
      recommend: input.recommend,
      review: input.review,
      language: input.language,
      show_name: input.showName,
      office_note: input.officeNote || null,
      submitted_at: new Date(),
      moderated_by: null,
      moderated_at: null,
      rejection: null,
    }
    if (before) {
      await surveyLifecycle.take(
        trx,
        ctx,
        before,
        'rewrite',
        values,
        { ...input },
        {
          before: answersOf(before),
          entityId: applicationId,
        },
      )
    } else {
      await surveyLifecycle.create(
        trx,
        ctx,
        'answer',
        { application_id: applicationId, opportunity_id: locked.offered_opportunity_id!, ...values },
        { ...input },
        { entityId: applicationId },
      )
    }
    await tellOfficer(trx, deps, applicationId, 'surveyToModerate', { student: ctx.actor!.name })
  })
}

/** The office's decision on a review: publish it, or reject it (or take a published one back) with a reason. */
export async function moderateSurvey(
  deps: MailDeps,
  ctx: Ctx,
  applicationId: string,
  decision: { publish: true } | { publish: false; reason: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const { access } = await accessTo(trx, ctx.actor!, applicationId)
    if (!readsSurvey(access)) throw AppError.notFound('The survey')
    if (!mayTakeSurveyStep('moderate', access)) throw new AppError(AppErrorCode.FORBIDDEN, SURVEY_STEPS.moderate.refusal)
    const s = await lockSurvey(trx, applicationId)
    if (!s) throw new AppError(AppErrorCode.CONFLICT, 'The student has not answered the survey yet.')
    const step = decision.publish ? 'publish' : s.status === 'published' ? 'withdraw' : 'reject'
    if (!can(step, s.status))
      throw new AppError(
        AppErrorCode.CONFLICT,
        `The survey is ${s.status}: ${decision.publish ? 'only a pending one is published' : 'only a pending or published one is rejected'}.`,
      )
    const rejection = decision.publish ? null : decision.reason
    await surveyLifecycle.take(
      trx,
      ctx,
      s,
      step,
      { rejection, moderated_by: ctx.actor!.id, moderated_at: new Date() },
      { rejection },
      { entityId: applicationId },
    )
    if (decision.publish) await tellStudent(trx, deps, applicationId, 'reviewPublished', {})
    else await tellStudent(trx, deps, applicationId, 'reviewRejected', { reason: rejection ?? '' })
  })
}

/** The surveys of the calls this person runs, newest first: pending ones to moderate, or any status. */
export async function listSurveys(db: Kysely<DB>, actor: Actor, q: SurveyQueueQuery) {
  const { rows, total } = await surveyPage(db, actor, q)
  return {
    items: rows.map((r) => ({
      applicationId: r.application_id,
      student: r.student,
      opportunityTitle: r.title,
      host: r.host,
      ...surveyDto(r),
    })),
    total,
  }
}

/** What students said about an opportunity in the catalog: published reviews only, with the averages. */
/** The published reviews of a published opportunity, for the catalog; any other opportunity is not found. */
export async function catalogReviews(db: Kysely<DB>, opportunityId: string, page: number, pageSize: number) {
  if ((await opportunityStatusOf(db, opportunityId)) !== 'published')
    throw new AppError(AppErrorCode.NOT_FOUND, 'No such opportunity in the catalog.')
  const { summary, rows } = await publishedReviews(db, opportunityId, page, pageSize)
  const mean = (v: string | null) => (v === null ? null : meanRating([Number(v)]))
  return {
    count: summary.count,
    rating: mean(summary.rating),
    aspects: { supervision: mean(summary.supervision), welcome: mean(summary.welcome), housing: mean(summary.housing) },
    recommendShare: summary.count ? Math.round((summary.recommend / summary.count) * 100) : null,
    items: rows.map((r) => ({
      ...answersOf(r),
      author: authorLabel(r.name, r.show_name),
      year: r.arrived_on ? Number(r.arrived_on.slice(0, 4)) : null,
      publishedAt: iso(r.moderated_at)!,
    })),
  }
}
