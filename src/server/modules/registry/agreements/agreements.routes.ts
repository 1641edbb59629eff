import { z } from 'zod'
import { documentLanguage, LANGUAGES } from '../../../../shared/limits.js'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { sendAttachment, uploadedFile } from '../../../http/files.js'
import { EXPORT_MAX_ROWS, sendTable } from '../../../http/table-export.js'
import { type App, IdParams, PLAIN_JSON, paged, pageOf } from '../../../http/types.js'
import { todayUtc } from '../../../kernel/dates.js'
import { OFFICE, OFFICERS, REGISTRY_READERS } from '../../../kernel/roles.js'
import { agreementColumns } from './agreements.export.js'
import { getFile, uploadFile } from './agreements.files.js'
import { exportAgreements, possibleResponsibles, queryAgreements } from './agreements.repository.js'
import {
  AgreementBody,
  AgreementDetailSchema,
  AgreementExportQuery,
  AgreementListItemSchema,
  AgreementListQuery,
  CommentBody,
  CountryStatSchema,
  FileParams,
  FileSchema,
  FileUploadQuery,
  ReminderSettingsBody,
  ReminderSettingsSchema,
  RenewBody,
  SignatoriesBody,
  TimelineEntrySchema,
  TransitionBody,
} from './agreements.schema.js'
import { createAgreement, getAgreement, setSignatories, updateAgreement } from './agreements.service.js'
import { countryStats, reminderDays, setReminderDays } from './agreements.settings.js'
import { renewAgreement, transitionAgreement } from './agreements.steps.js'
import { addComment, timeline } from './agreements.timeline.js'

/** Officers and administrators write; coordinators read; a partner reads their own institution's. */

const tags = ['agreements']

export function agreementsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/agreements',
    {
      ...PLAIN_JSON,
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'Search and filter agreements',
        querystring: AgreementListQuery,
        response: { 200: paged(AgreementListItemSchema) },
      },
    },
    async (request) => {
      const { items, total, totalCapped } = await queryAgreements(
        deps.db,
        request.auth!.actor,
        request.query,
        todayUtc(deps.clock.now()),
      )
      return pageOf(items, total, request.query.page, request.query.pageSize, totalCapped)
    },
  )

  app.get(
    '/api/agreements/export',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'The filtered list as CSV or XLSX (every page, in the same order)',
        querystring: AgreementExportQuery,
      },
    },
    async (request, reply) => {
      const items = await exportAgreements(deps.db, request.auth!.actor, request.query, EXPORT_MAX_ROWS)
      return sendTable(reply, request.query.format, 'agreements', agreementColumns, items)
    },
  )

  app.post(
    '/api/agreements',
    {
      config: { policy: OFFICERS },
      schema: { tags, summary: 'Draft an agreement', body: AgreementBody, response: { 201: AgreementDetailSchema } },
    },
    async (request, reply) => {
      const id = await createAgreement(deps, ctxOf(request), request.body)
      return reply.status(201).send(await getAgreement(deps, request.auth!.actor, id))
    },
  )

  app.get(
    '/api/agreements/:id',
    {
      config: { policy: REGISTRY_READERS },
      schema: { tags, summary: 'One agreement', params: IdParams, response: { 200: AgreementDetailSchema } },
    },
    async (request) => getAgreement(deps, request.auth!.actor, request.params.id),
  )

  app.put(
    '/api/agreements/:id',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Change an agreement (its terms only while draft or in negotiation)',
        params: IdParams,
        body: AgreementBody,
        response: { 200: AgreementDetailSchema },
      },
    },
    async (request) => {
      await updateAgreement(deps, ctxOf(request), request.params.id, request.body)
      return getAgreement(deps, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    '/api/agreements/:id/transitions',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Take a lifecycle step: negotiate, reopen, sign, activate or terminate (with a reason)',
        params: IdParams,
        body: TransitionBody,
        response: { 200: AgreementDetailSchema },
      },
    },
    async (request) => {
      await transitionAgreement(deps, ctxOf(request), request.params.id, request.body.action, request.body.reason)
      return getAgreement(deps, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    '/api/agreements/:id/renewal',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Renew: a draft successor with the same parties and conditions',
        params: IdParams,
        body: RenewBody,
        response: { 201: AgreementDetailSchema },
      },
    },
    async (request, reply) => {
      const id = await renewAgreement(deps, ctxOf(request), request.params.id, request.body)
      return reply.status(201).send(await getAgreement(deps, request.auth!.actor, id))
    },
  )

  app.put(
    '/api/agreements/:id/signatories',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Who signed, for which party, and when',
        params: IdParams,
        body: SignatoriesBody,
        response: { 200: AgreementDetailSchema },
      },
    },
    async (request) => {
      await setSignatories(deps, ctxOf(request), request.params.id, request.body.signatories)
      return getAgreement(deps, request.auth!.actor, request.params.id)
    },
  )

  app.post(
    '/api/agreements/:id/files',
    {
      config: { policy: OFFICERS },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Attach a file (PDF, PNG, JPEG or DOCX, at most 20 MB) as the raw request body; same name = new version',
        params: IdParams,
        querystring: FileUploadQuery,
        response: { 201: FileSchema },
      },
    },
    async (request, reply) => {
      const { mime, content } = uploadedFile(request)
      const fileId = await uploadFile(deps, ctxOf(request), request.params.id, {
        kind: request.query.kind,
        name: request.query.name,
        mime,
        content,
      })
      const detail = await getAgreement(deps, request.auth!.actor, request.params.id)
      return reply.status(201).send(detail.files.find((f) => f.id === fileId)!)
    },
  )

  app.get(
    '/api/agreements/:id/files/:fileId',
    { config: { policy: REGISTRY_READERS }, schema: { tags, summary: 'Download an attachment', params: FileParams } },
    async (request, reply) => {
      const file = await getFile(deps, request.auth!.actor, request.params.id, request.params.fileId)
      return sendAttachment(reply, { fileName: file.file_name, mime: file.mime, content: file.content })
    },
  )

  app.get(
    '/api/agreements/:id/pdf',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags,
        summary: 'Summary PDF with the parties, dates and conditions, in the given language (default: mine)',
        params: IdParams,
        querystring: z.object({ lang: z.enum(LANGUAGES).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor
      const detail = await getAgreement(deps, actor, request.params.id)
      const lang = documentLanguage(request.query.lang, actor.locale)
      const { agreementPdf } = await import('./agreements.pdf.js')
      const pdf = await agreementPdf(deps.db, detail, lang)
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${detail.reference}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  )

  app.get(
    '/api/agreements/:id/timeline',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Changes and comments, newest first',
        params: IdParams,
        response: { 200: z.array(TimelineEntrySchema) },
      },
    },
    async (request) => timeline(deps, request.auth!.actor, request.params.id),
  )

  app.post(
    '/api/agreements/:id/comments',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Comment on an agreement',
        params: IdParams,
        body: CommentBody,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await addComment(deps, ctxOf(request), request.params.id, request.body.body)
      return reply.status(201).send({ ok: true as const })
    },
  )

  app.get(
    '/api/agreements/responsibles',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Who can be made responsible for an agreement: active officers and administrators',
        response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })) },
      },
    },
    async () => possibleResponsibles(deps.db),
  )

  app.get(
    '/api/network/countries',
    {
      config: { policy: OFFICE },
      schema: {
        tags,
        summary: 'Partners and agreements in force per country, for the map',
        response: { 200: z.array(CountryStatSchema) },
      },
    },
    async () => countryStats(deps),
  )

  app.get(
    '/api/settings/agreements',
    {
      config: { policy: OFFICE },
      schema: { tags: ['settings'], summary: 'Expiry reminder settings', response: { 200: ReminderSettingsSchema } },
    },
    async () => ({ reminderDays: await reminderDays(deps.db) }),
  )

  app.put(
    '/api/settings/agreements',
    {
      config: { policy: OFFICERS },
      schema: {
        tags: ['settings'],
        summary: 'Set how many days before the end reminders go out',
        body: ReminderSettingsBody,
        response: { 200: ReminderSettingsSchema },
      },
    },
    async (request) => setReminderDays(deps, ctxOf(request), request.body.reminderDays),
  )
}
