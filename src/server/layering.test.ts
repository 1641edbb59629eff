import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The allowed arrows between the server's folders (docs/ARCHITECTURE.md draws them; decision 038
// says why). A file may import its own folder and the folders listed for it; anything else fails
// here, naming the file and the import. Tests are free to reach across to set up what they need.

const SERVER = path.resolve(import.meta.dirname)

/** Below the rooms: storage, HTTP plumbing, the kernel, PDFs, worker threads, configuration. */
const BASE = ['db', 'http', 'kernel', 'pdf', 'workers', 'infra']
const EVERYTHING = ['*']

const ALLOWED: Record<string, string[]> = {
  db: [],
  workers: [],
  pdf: ['db'],
  http: ['db', 'infra'],
  kernel: ['db', 'http'],
  infra: ['db', 'http', 'kernel', 'comms'],
  // The rooms, lowest first: each may use the ones before it that are listed.
  platform: BASE,
  comms: [...BASE, 'platform'],
  accounts: [...BASE, 'platform', 'comms'],
  registry: [...BASE, 'platform', 'comms'],
  catalog: [...BASE, 'platform', 'comms', 'registry'],
  applications: [...BASE, 'platform', 'comms', 'accounts', 'registry', 'catalog'],
  selection: [...BASE, 'platform', 'comms', 'accounts', 'registry', 'catalog', 'applications'],
  mobility: [...BASE, 'platform', 'comms', 'accounts', 'registry', 'catalog', 'applications', 'selection'],
  // The office's tools over the domain: bulk imports write the registry and the catalog, reports read everything.
  imports: [...BASE, 'platform', 'comms', 'registry', 'catalog'],
  reports: EVERYTHING,
  // Composition: the app, the server, commands, the events' wiring and the demo seed put it all together.
  seed: EVERYTHING,
  composition: EVERYTHING,
}

/** The folder a server file belongs to, as the arrows name it. */
function folderOf(file: string): string {
  const [top = '', next = ''] = path.relative(SERVER, file).split(path.sep)
  if (top === 'modules') return next
  if (top === 'db' && next === 'seed') return 'seed'
  if (['db', 'http', 'kernel', 'pdf', 'workers'].includes(top)) return top
  if (top === 'deps.ts' || top === 'env.ts') return 'infra'
  return 'composition'
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g

/** Every import from one server folder into another that the arrows do not allow. */
function strayImports(files: string[], read = (file: string) => readFileSync(file, 'utf8')): string[] {
  const stray: string[] = []
  for (const file of files) {
    const from = folderOf(file)
    const allowed = ALLOWED[from] ?? []
    for (const [, spec = ''] of read(file).matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))
      if (!target.startsWith(SERVER + path.sep)) continue // src/shared and outside
      const to = folderOf(target)
      if (to === from || allowed.includes('*') || allowed.includes(to)) continue
      stray.push(`${path.relative(SERVER, file)} (${from}) imports ${spec} (${to})`)
    }
  }
  return stray
}

/** Files of the rooms that run a query (a query builder's read or write, or raw SQL executed) outside a repository. */
function strayQueries(roomFiles: string[], read = (file: string) => readFileSync(file, 'utf8')): string[] {
  const query = /\.(selectFrom|updateTable|insertInto|deleteFrom)\(|`\.execute\(/
  return roomFiles
    .filter((file) => !file.endsWith('.repository.ts') && query.test(read(file)))
    .map((file) => path.relative(SERVER, file))
}

describe('the layering of src/server', () => {
  const files = sourceFiles(SERVER)

  it('declares an arrow list for every room', () => {
    const rooms = readdirSync(path.join(SERVER, 'modules'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
    expect(rooms.filter((room) => !(room in ALLOWED))).toEqual([])
  })

  it('has no import outside the allowed arrows', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(strayImports(files)).toEqual([])
  })

  it('keeps every query of a room in its repositories: routes speak HTTP, services hold the rules', () => {
    const roomFiles = files.filter((file) => file.includes(`${path.sep}modules${path.sep}`))
    expect(roomFiles.filter((file) => file.endsWith('.repository.ts')).length).toBeGreaterThan(30)
    expect(strayQueries(roomFiles)).toEqual([])
  })

  it('notices a query outside a repository, built or raw, and lets a repository run one', () => {
    const at = (name: string) => path.join(SERVER, 'modules/catalog/calls', name)
    const sources: Record<string, string> = {
      [at('calls.service.ts')]: "const row = await trx.selectFrom('calls').selectAll().execute()",
      [at('calls.places.ts')]: 'const { rows } = await sql`select 1`.execute(db)',
      [at('calls.routes.ts')]: 'return loadCall(deps.db, id, deps.clock.now())',
      [at('calls.repository.ts')]: "return db.updateTable('calls').set(values).execute()",
    }
    expect(strayQueries(Object.keys(sources), (file) => sources[file]!)).toEqual([
      'modules/catalog/calls/calls.service.ts',
      'modules/catalog/calls/calls.places.ts',
    ])
  })

  it('notices an import against the arrows, and lets an allowed one pass', () => {
    const file = path.join(SERVER, 'modules/registry/agreements/agreements.service.ts')
    const source = [
      "import { todayUtc } from '../../../kernel/dates.js'",
      "import { recordAudit } from '../../platform/audit/audit.record.js'",
      "import { loadMobility } from '../../mobility/mobilities/mobility.service.js'",
      "const later = await import('../../reports/flows.js')",
    ].join('\n')
    expect(strayImports([file], () => source)).toEqual([
      'modules/registry/agreements/agreements.service.ts (registry) imports ../../mobility/mobilities/mobility.service.js (mobility)',
      'modules/registry/agreements/agreements.service.ts (registry) imports ../../reports/flows.js (reports)',
    ])
  })
})
