import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'

export enum AppErrorCode {
  VALIDATION = 'validation',
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  NOT_FOUND = 'not-found',
  CONFLICT = 'conflict',
  /** Too many attempts; the response carries Retry-After. */
  RATE_LIMITED = 'rate-limited',
  PAYLOAD_TOO_LARGE = 'payload-too-large',
  UNSUPPORTED_MEDIA_TYPE = 'unsupported-media-type',
  /** Writes are refused for a while (a nearly full disk); reads go on. */
  UNAVAILABLE = 'unavailable',
  INTERNAL = 'internal',
}

const STATUS: Record<AppErrorCode, number> = {
  [AppErrorCode.VALIDATION]: 400,
  [AppErrorCode.UNAUTHENTICATED]: 401,
  [AppErrorCode.FORBIDDEN]: 403,
  [AppErrorCode.NOT_FOUND]: 404,
  [AppErrorCode.CONFLICT]: 409,
  [AppErrorCode.RATE_LIMITED]: 429,
  [AppErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [AppErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [AppErrorCode.UNAVAILABLE]: 503,
  [AppErrorCode.INTERNAL]: 500,
}

const TITLE: Record<AppErrorCode, string> = {
  [AppErrorCode.VALIDATION]: 'Invalid request',
  [AppErrorCode.UNAUTHENTICATED]: 'Sign-in required',
  [AppErrorCode.FORBIDDEN]: 'Not allowed',
  [AppErrorCode.NOT_FOUND]: 'Not found',
  [AppErrorCode.CONFLICT]: 'Conflict',
  [AppErrorCode.RATE_LIMITED]: 'Too many attempts',
  [AppErrorCode.PAYLOAD_TOO_LARGE]: 'Request too large',
  [AppErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported media type',
  [AppErrorCode.UNAVAILABLE]: 'Not available now',
  [AppErrorCode.INTERNAL]: 'Internal error',
}

export interface FieldError {
  /** Where the problem is, such as "body.email" or "query.page". */
  path: string
  message: string
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message)
  }

  get status(): number {
    return STATUS[this.code]
  }

  static validation(path: string, message: string): AppError {
    return new AppError(AppErrorCode.VALIDATION, `${path}: ${message}`, { errors: [{ path, message }] })
  }

  /** Several problems at once, as [field, message] pairs under `prefix` ("body.subject"). */
  static fields(problems: readonly (readonly [string, string])[], prefix = 'body'): AppError {
    return new AppError(AppErrorCode.VALIDATION, `${problems.map(([p, m]) => `${p} ${m}`).join('; ')}.`, {
      errors: problems.map(([path, message]) => ({ path: `${prefix}.${path}`, message })),
    })
  }

  static notFound(what: string): AppError {
    return new AppError(AppErrorCode.NOT_FOUND, `${what} was not found.`)
  }
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  requestId: string
  errors?: FieldError[]
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const problem: Problem = {
    type: `urn:meridian:problem:${error.code}`,
    title: TITLE[error.code],
    status: error.status,
    detail: error.message,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  }
  if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds))
  return reply.status(error.status).type('application/problem+json').send(problem)
}

// A lost or refused database connection: the server restarting or an administrator ending it.
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect now), 53300
// (too many connections), and the pg driver's own words for a connection that ended.
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/
const UNREACHABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/

export function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_NODE.has(code))) return true
  return UNREACHABLE_MESSAGE.test(error.message)
}

/** Turns every failure into application/problem+json with a message a person can act on. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, toAppError(error, request))
}

function toAppError(error: FastifyError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body'
    const errors = error.validation.map((issue) => {
      const segments = issue.instancePath.split('/').filter(Boolean)
      const keys = (issue.params as { keys?: string[] }).keys
      // Unknown fields are reported at the field itself, so a client sees which key to remove.
      if (issue.keyword === 'unrecognized_keys' && keys?.length) {
        return keys.map((key) => ({ path: [where, ...segments, key].join('.'), message: 'is not a known field' }))
      }
      return [{ path: [where, ...segments].join('.'), message: issue.message ?? 'is not valid' }]
    })
    const flat = errors.flat()
    return new AppError(AppErrorCode.VALIDATION, flat.map((e) => `${e.path}: ${e.message}`).join('; '), {
      errors: flat,
    })
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(AppErrorCode.VALIDATION, 'The request body is not valid JSON.', {
        errors: [{ path: 'body', message: 'is not valid JSON' }],
      })
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(AppErrorCode.VALIDATION, 'The request body is empty but JSON was declared.', {
        errors: [{ path: 'body', message: 'is empty' }],
      })
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than this endpoint accepts.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(AppErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the request body as application/json.')
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError(AppErrorCode.VALIDATION, 'The request body is not valid JSON.')
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(AppErrorCode.VALIDATION, error.message)
  }
  if (isDatabaseUnreachable(error)) {
    request.log.warn({ err: error }, 'database unreachable')
    return new AppError(
      AppErrorCode.UNAVAILABLE,
      'The database cannot be reached just now. Try again in a moment; if this was a change, look whether it was saved before making it again.',
      { retryAfterSeconds: 5 },
    )
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
  } else {
    request.log.error({ err: error }, 'unhandled error')
  }
  return new AppError(
    AppErrorCode.INTERNAL,
    `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
  )
}
