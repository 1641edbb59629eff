import { randomBytes, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Credentials, createTestApp, sessionFor, type TestApp } from '../../../test/app.js'
import { TEST_DB_KINDS } from '../../../test/db.js'
import { buildUser } from '../../../test/factories.js'

// Every operation of the OpenAPI document, sent hostile input by an admin and by a student:
// NUL and unpaired surrogates, wrong types, huge strings and lists, deep nesting, bad and foreign
// ids, in path, query and body. Any 5xx fails the test and is listed with the request.

interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  minItems?: number
}
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; schema?: Schema }[]
  requestBody?: { content: Record<string, { schema?: Schema }> }
}

/** A value the schema would take, every property filled, so that each leaf can then be spoilt. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return 'x'
  if ('const' in s) return s.const
  if (s.enum?.length) return s.enum[0]
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], depth)
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]))
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items, depth + 1))
    case 'integer':
    case 'number':
      return s.minimum ?? 1
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      switch (s.format) {
        case 'uuid':
          return randomUUID()
        case 'email':
          return 'fuzz@example.test'
        case 'date':
          return '2027-01-15'
        case 'date-time':
          return '2027-01-15T10:00:00.000Z'
        case 'uri':
          return 'https://example.test/'
        default:
          return 'x'.repeat(Math.min(Math.max(s.minLength ?? 1, 1), s.maxLength ?? 10))
      }
  }
}

const HOSTILE_STRINGS: [string, unknown][] = [
  ['NUL', 'a\u0000b'],
  ['high surrogate', 'a\ud800'],
  ['low surrogate', '\udc00b'],
  ['huge string', 'x'.repeat(60_000)],
  ['number for text', 12345],
  ['object for text', { $gt: '' }],
  ['list for text', ['x']],
  ['script', '<script>alert(1)</script>'],
  ['SQL', "' or 1=1 --"],
]
const HOSTILE_OTHER: [string, unknown][] = [
  ['text for number', 'abc'],
  ['huge number', 1e308],
  ['negative', -1],
  ['fraction', 1.5],
  ['null', null],
  ['long list', Array.from({ length: 10_000 }, () => 1)],
]
const HOSTILE_QUERY = ['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(10_000), '-1', 'abc', '1e309', '2027-13-45', "'%20or%201=1--"]
const HOSTILE_IDS = [
  'not-an-id',
  '%00',
  '%ED%A0%80',
  'x'.repeat(3_000),
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
  '00000000-0000-0000-0000-000000000000',
]
const WHOLE_BODIES = ['null', '[]', '"x"', '42', '{}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, '{"a":']

/** Each leaf of a value, with a setter that returns a copy holding another value there. */
function leaves(value: unknown, path: (string | number)[] = []): { path: string; kind: string; set: (v: unknown) => unknown }[] {
  const replace = (root: unknown, at: (string | number)[], v: unknown): unknown => {
    if (!at.length) return v
    const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>
    copy[at[0]!] = replace(copy[at[0]!], at.slice(1), v)
    return copy
  }
  const here = { path: path.join('.') || '(body)', set: (v: unknown) => v }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).flatMap(([k, v]) =>
      leaves(v, [...path, Array.isArray(value) ? Number(k) : k]).map((l) => ({
        ...l,
        set: (x: unknown) => replace(value, [Array.isArray(value) ? Number(k) : k], l.set(x)),
      })),
    )
    return [{ ...here, kind: Array.isArray(value) ? 'array' : 'object' }, ...inner]
  }
  return [{ ...here, kind: typeof value }]
}

/** The table whose first row stands for a path's id, by the path's segment before it. */
const ID_TABLES: Record<string, string> = {
  institutions: 'institutions',
  agreements: 'agreements',
  catalog: 'opportunities',
  favourites: 'opportunities',
  alerts: 'opportunities',
  opportunities: 'opportunities',
  calls: 'calls',
  applications: 'applications',
  documents: 'documents',
  reviews: 'reviews',
  nominations: 'applications',
  invitations: 'invitations',
  users: 'users',
  tokens: 'api_tokens',
  imports: 'import_uploads',
  'document-deletion-requests': 'document_deletion_requests',
  'incoming-nominations': 'incoming_nominations',
  files: 'agreement_files',
}
const NAMED_PARAMS: Record<string, string> = { key: 'invitation', locale: 'ru', kind: 'acceptance', item: 'insurance' }

describe.each(TEST_DB_KINDS)('hostile input to every operation on %s', (kind) => {
  let t: TestApp
  const realIds = new Map<string, string>()
  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true })
    for (const table of new Set(Object.values(ID_TABLES))) {
      // Users: a student's, so that a spoilt write cannot demote the admin who sends it.
      const where = table === 'users' ? sql`where role = 'student'` : sql``
      const row = await sql<{ id: string }>`select id from ${sql.table(table)} ${where} limit 1`.execute(t.db).catch(() => null)
      if (row?.rows[0]) realIds.set(table, row.rows[0].id)
    }
  })
  afterAll(() => t?.close())

  it('answers every request below 500', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, Operation>> }
    const failures: string[] = []
    let requests = 0
    let operations = 0
    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++
        // Fresh people each time: an operation may sign out, change a password or a role.
        const people: [string, Credentials][] = [
          ['admin', await sessionFor(t, (await buildUser(t.db, { role: 'admin' })).id)],
          ['student', await sessionFor(t, (await buildUser(t.db, { role: 'student' })).id)],
        ]
        const segments = template.split('/')
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
        const query = (op.parameters ?? []).filter((p) => p.in === 'query')
        const realParam = (name: string) => {
          if (NAMED_PARAMS[name]) return NAMED_PARAMS[name]!
          const before = segments[segments.indexOf(`{${name}}`) - 1] ?? ''
          return (
            realIds.get(ID_TABLES[before] ?? '') ??
            (name === 'applicationId' ? realIds.get('applications') : undefined) ??
            randomUUID()
          )
        }
        const url = (params: Record<string, string>, qs = '') =>
          `${template.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? realParam(n))}${qs ? `?${qs}` : ''}`
        const contentTypes = Object.keys(op.requestBody?.content ?? {})
        const jsonSchema = op.requestBody?.content['application/json']?.schema
        const base = jsonSchema ? sample(jsonSchema) : undefined

        const variants: { what: string; url: string; payload?: string | Buffer; type?: string }[] = []
        const body = jsonSchema ? JSON.stringify(base) : undefined
        const json = (payload: string | undefined) => (payload === undefined ? {} : { payload, type: 'application/json' })
        variants.push({ what: 'plausible', url: url({}), ...json(body) })
        for (const name of pathParams)
          for (const bad of HOSTILE_IDS)
            variants.push({ what: `path ${name}=${bad.slice(0, 20)}`, url: url({ [name]: bad }), ...json(body) })
        for (const q of query) {
          for (const bad of HOSTILE_QUERY)
            variants.push({ what: `query ${q.name}=${bad.slice(0, 20)}`, url: url({}, `${q.name}=${bad}`) })
          variants.push({ what: `query ${q.name} twice`, url: url({}, `${q.name}=1&${q.name}=2`) })
        }
        if (jsonSchema) {
          for (const leaf of leaves(base)) {
            const spoilers = leaf.kind === 'string' ? HOSTILE_STRINGS : HOSTILE_OTHER
            for (const [what, v] of spoilers)
              variants.push({ what: `body ${leaf.path}: ${what}`, url: url({}), ...json(JSON.stringify(leaf.set(v))) })
          }
          for (const whole of WHOLE_BODIES) variants.push({ what: `body ${whole.slice(0, 12)}`, url: url({}), ...json(whole) })
          variants.push({ what: 'body over the limit', url: url({}), ...json(JSON.stringify({ x: 'x'.repeat(200_000) })) })
        }
        for (const type of contentTypes.filter((c) => c !== 'application/json')) {
          variants.push({ what: `${type} garbage`, url: url({}, 'name=scan%E2%80%AEfdp.exe'), payload: randomBytes(2048), type })
          variants.push({ what: `${type} empty`, url: url({}, 'name=%00'), payload: Buffer.alloc(0), type })
        }

        for (const [role, who] of people) {
          // The student is sent the structural variants only; the admin every one.
          const mine = role === 'admin' ? variants : variants.filter((v) => !v.what.startsWith('body ') || v.what.includes('NUL'))
          for (const v of mine) {
            requests++
            const res = await t.app.inject({
              method: method.toUpperCase() as 'GET',
              url: v.url,
              headers: { ...who.headers, ...(v.type ? { 'content-type': v.type } : {}) },
              ...(v.payload !== undefined ? { payload: v.payload } : {}),
            })
            if (res.statusCode >= 500)
              failures.push(
                `${role} ${method.toUpperCase()} ${v.url.slice(0, 120)} [${v.what}] → ${res.statusCode} ${res.body.slice(0, 160)}`,
              )
          }
        }
      }
    }
    console.info(`fuzz on ${kind}: ${operations} operations, ${requests} requests, ${failures.length} answered 5xx`)
    expect(failures).toEqual([])
    expect(operations).toBeGreaterThan(150)
  }, 900_000)
})
