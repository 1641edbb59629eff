import Papa from 'papaparse'
import { z } from 'zod'
import { AuditEventSchema } from '../../../../shared/api/audit.js'
import type { Deps } from '../../../deps.js'
import { AdminOnly } from '../../../http/policy.js'
import { type App, iso, PageQuery, paged, pageOf } from '../../../http/types.js'
import { type AuditFilter, allAuditEvents, distinctAuditValues, listAuditEvents } from './audit.repository.js'

const Filter = {
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).or(z.iso.date()).optional(),
}
const ListQuery = z.object({ ...Filter, ...PageQuery }).strict()
const ExportQuery = z.object(Filter).strict()

function toFilter(q: z.infer<typeof ExportQuery>): AuditFilter {
  return {
    entityType: q.entityType || undefined,
    entityId: q.entityId || undefined,
    action: q.action || undefined,
    actor: q.actor || undefined,
    from: q.from ? new Date(q.from) : undefined,
    // A bare date "to" includes that whole day.
    to: q.to ? new Date(q.to.length === 10 ? new Date(q.to).getTime() + 86_400_000 : q.to) : undefined,
  }
}

export function auditRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/audit',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail',
        querystring: ListQuery,
        response: { 200: paged(AuditEventSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query
      const { rows, total } = await listAuditEvents(deps.db, toFilter(filter), page, pageSize)
      const items = rows.map((r) => ({
        id: String(r.id),
        occurredAt: iso(r.occurred_at) as string,
        actorId: r.actor_id,
        actor: r.actor_label,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        before: r.before ?? null,
        after: r.after ?? null,
        requestId: r.request_id,
      }))
      return pageOf(items, total, page, pageSize)
    },
  )

  app.get(
    '/api/audit/facets',
    {
      config: { policy: AdminOnly },
      schema: {
        tags: ['audit'],
        summary: 'Entity types and actions present in the trail, for filters',
        response: { 200: z.object({ entityTypes: z.array(z.string()), actions: z.array(z.string()) }) },
      },
    },
    async () => distinctAuditValues(deps.db),
  )

  app.get(
    '/api/audit/export',
    {
      config: { policy: AdminOnly },
      schema: { tags: ['audit'], summary: 'The filtered audit trail as CSV', querystring: ExportQuery, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const filter = toFilter(request.query)
      const stamp = new Date().toISOString().slice(0, 10)
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="meridian-audit-${stamp}.csv"`)
      const header = ['time_utc', 'actor', 'actor_id', 'entity_type', 'entity_id', 'action', 'before', 'after', 'request_id']
      const parts: string[] = [`\uFEFF${Papa.unparse([header])}\r\n`]
      for await (const rows of allAuditEvents(deps.db, filter)) {
        const data = rows.map((r) => [
          iso(r.occurred_at),
          r.actor_label,
          r.actor_id ?? '',
          r.entity_type,
          r.entity_id,
          r.action,
          r.before ? JSON.stringify(r.before) : '',
          r.after ? JSON.stringify(r.after) : '',
          r.request_id ?? '',
        ])
        // escapeFormulae: a cell starting with = + - @ is not run as a formula by spreadsheets.
        parts.push(`${Papa.unparse(data, { escapeFormulae: true })}\r\n`)
      }
      return reply.send(parts.join(''))
    },
  )
}
