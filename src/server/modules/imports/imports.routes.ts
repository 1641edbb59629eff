import { z } from 'zod'
import { PreviewSchema, UploadSchema } from '../../../shared/api/imports.js'
import type { Deps } from '../../deps.js'
import { ctxOf } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { type App, IdParams } from '../../http/types.js'
import { OFFICERS } from '../../kernel/roles.js'
import { commitImport, IMPORT_KINDS, IMPORT_MAX_BYTES, previewImport, startImport } from './imports.service.js'

const tags = ['imports']

const MappingSchema = z
  .record(z.string().regex(/^[a-zA-Z]{1,40}$/, 'must be a field name'), z.array(z.number().int().min(0)).max(30))
  .describe("For each of the import's fields, the zero-based columns it is read from; only places takes several")
const StepBody = z
  .object({
    sheet: z.string().max(200).optional(),
    mapping: MappingSchema,
    callId: z.uuid('must be a call id').optional().describe('Opportunities only: the call whose offers take the places'),
  })
  .strict()

export function importsRoutes(app: App, deps: Deps): void {
  for (const kind of IMPORT_KINDS) {
    app.post(
      `/api/imports/${kind}`,
      {
        config: { policy: OFFICERS },
        bodyLimit: IMPORT_MAX_BYTES + 1024,
        schema: {
          tags,
          summary:
            kind === 'institutions'
              ? 'Upload a CSV or XLSX of partners (the raw file as the body): returns its sheets and a suggested mapping'
              : 'Upload a CSV or XLSX of opportunities or destinations with places (the raw file as the body)',
          querystring: z.object({ name: z.string().trim().min(1, 'is required').max(200) }).strict(),
          response: { 201: UploadSchema },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw AppError.validation('body', 'must be the file itself (text/csv or an XLSX workbook)')
        return reply.status(201).send(await startImport(deps, ctxOf(request), kind, request.query.name, request.body))
      },
    )
  }

  app.post(
    '/api/imports/:id/preview',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Check every row with this mapping; nothing is written',
        params: IdParams,
        body: StepBody,
        response: { 200: PreviewSchema },
      },
    },
    async (request) =>
      previewImport(deps, ctxOf(request), request.params.id, request.body.sheet, request.body.mapping, request.body.callId),
  )

  app.post(
    '/api/imports/:id/commit',
    {
      config: { policy: OFFICERS },
      schema: {
        tags,
        summary: 'Import every row, or none if any has an error; the mapping is remembered for files with the same headers',
        params: IdParams,
        body: StepBody,
        response: { 200: PreviewSchema },
      },
    },
    async (request) =>
      commitImport(deps, ctxOf(request), request.params.id, request.body.sheet, request.body.mapping, request.body.callId),
  )
}
