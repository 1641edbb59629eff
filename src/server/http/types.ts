import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PAGE_SIZE_MAX } from '../../shared/limits.js'

/** The Fastify instance with zod as its type provider: route handlers get typed input. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' })

export const IdParams = z.object({ id: z.uuid('must be a UUID') }).strict()

export const PageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number, totalCapped?: boolean) {
  return { items, total, page, pageSize, ...(totalCapped === undefined ? {} : { totalCapped }) }
}

/**
 * Route options for an answer built from the in-memory registry index (decision 023), whose
 * entries are typed and shaped by the schema already: sent with JSON.stringify rather than
 * checked item by item by zod, which took a fifth of each list request. The schema still
 * documents the answer, and `registry-lists.test.ts` checks that zod would send the same.
 */
export const PLAIN_JSON = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) } as const

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** True when there are more matches than `total`: long lists are counted only so far. */
    totalCapped: z.boolean().optional(),
  })
}

/** A date-time as an ISO 8601 string in UTC. */
export { IsoDateTime } from '../../shared/api/primitives.js'
export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

/** A query parameter holding a comma-separated list ("PT,KR"), each item checked by `inner`. */
export function csvList<T extends z.ZodType>(inner: T) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : v,
    z.array(inner).max(50, 'must list at most 50 values'),
  )
}
