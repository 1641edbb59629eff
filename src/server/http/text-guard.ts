import type { FastifyInstance, FastifyRequest } from 'fastify'
import { UNSTORABLE_TEXT } from '../../shared/text.js'
import { AppError } from './errors.js'

// PostgreSQL cannot store NUL (U+0000) in text or jsonb, and an unpaired UTF-16 surrogate is not a
// character at all (the driver sends it as bytes PostgreSQL refuses). Either used to reach the
// database and answer 500. One check, before any route's schema, refuses them in every body,
// query string and path parameter with a 400 naming the field, so no schema can forget it.

/** How deep a request's JSON may nest; deeper is refused before anything walks it further. */
export const MAX_NESTING = 32

/** Why a text cannot be stored, or null when it can. */
export function unstorable(text: string): string | null {
  const found = UNSTORABLE_TEXT.exec(text)
  if (!found) return null
  return found[0] === '\u0000'
    ? 'contains a NUL character (U+0000), which cannot be stored; remove it'
    : `contains a broken character (an unpaired surrogate, U+${found[0].charCodeAt(0).toString(16).toUpperCase()}); retype the text`
}

/** The first problem in a parsed value: [path, message], or null. Walks without recursion. */
export function findUnstorable(value: unknown, root: string): [string, string] | null {
  const stack: [unknown, string, number][] = [[value, root, 0]]
  while (stack.length) {
    const [v, path, depth] = stack.pop()!
    if (typeof v === 'string') {
      const why = unstorable(v)
      if (why) return [path, why]
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      if (depth >= MAX_NESTING) return [path, `is nested more than ${MAX_NESTING} levels deep`]
      for (const [key, item] of Object.entries(v)) {
        const keyWhy = unstorable(key)
        if (keyWhy) return [path, `has a field name that ${keyWhy}`]
        stack.push([item, `${path}.${key}`, depth + 1])
      }
    }
  }
  return null
}

function check(request: FastifyRequest) {
  for (const [part, value] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const) {
    const found = findUnstorable(value, part)
    if (found) throw AppError.validation(found[0], found[1])
  }
}

export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => check(request))
}
