/**
 * `npm run bench`: prints one JSON object of figures.
 * - startup_ms: a new process on an existing embedded database until /api/health answers
 *   (first_start_ms: the same on an empty directory, with initdb, migrations and the demo seed).
 * - read_*: an authenticated read of one institution through the whole stack (session cookie,
 *   policy, query, response schema), 50 connections on loopback, on each database; beside it
 *   the same read from bare Fastify + pg on the same PostgreSQL database, in three alternating
 *   rounds (medians reported, each round listed), and the ratio.
 * - partners_search_*: list and search of partners and agreements (16 mixed queries: text, filters,
 *   sorts, pages) over 20,000 generated institutions and 50,000 agreements, 20 concurrent clients,
 *   p50 and p95 of every response, on each database.
 * - allocation_50k_*: places for 50,000 applicants with 10 choices each over 5,000 opportunities
 *   (capacities 1–20, a fifth with their own ranking), in process: allocation_50k_ms is the
 *   deferred acceptance over the indexed instance, allocation_50k_index_ms the indexing of the
 *   parsed JSON into typed arrays before it (medians of 7 after 3 warm-ups); the validation and
 *   the explanations are timed once beside them. allocation_50k_command_ms is the whole
 *   `meridian allocate FILE`, from process start to its 28 MB of output, median of 3.
 * - catalog_search_*: the public catalog (8 mixed searches, each text and three facets, facet
 *   counts in every answer) over 20,000 generated opportunities, 20 concurrent visitors, p50 and
 *   p95 on each database.
 * - mobility_report_*: the mobility report (6 groupings and filters over ten academic years) over
 *   60,000 generated applications with their mobilities, 2,000 partners and 5,000 agreements,
 *   4 concurrent readers, p50 and p95 on each database.
 * - import_xlsx_*: an uploaded spreadsheet read as an import reads it (a worker thread): 50,000 rows
 *   × 20 columns, the server thread's event-loop delay meanwhile, and the refusal of a 13 KB file
 *   with a value in column XFD on each of 500 rows (bench/import-xlsx.ts).
 * - catalog_js_gzip_kb: the compressed JavaScript a first visit to /catalog downloads (the
 *   entry, the page and the chunks they import, the English catalogue), from Vite's manifest.
 * The PostgreSQL server is BENCH_DATABASE_URL or TEST_DATABASE_URL; a fresh database is made
 * on it and dropped afterwards. BENCH_ONLY (comma-separated: web, allocation, import_xlsx, read,
 * partners_search, catalog_search, mobility_report) measures only those parts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'

const CONNECTIONS = 50
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6)
const ROUNDS = 3
const WARMUP_S = 5
const SECRET = 'bench-secret-bench-secret-bench-secret-00'

interface Server {
  child: ChildProcess
  url: string
}

function log(message: string) {
  process.stderr.write(`bench: ${message}\n`)
}

async function waitFor(url: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`)
}

function startMeridian(port: number, env: Record<string, string>): Server {
  const child = spawn(process.execPath, ['bin/meridian.mjs', 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SESSION_SECRET: SECRET, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return { child, url: `http://127.0.0.1:${port}` }
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return
  const exited = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGTERM')
  await exited
}

async function timedStart(port: number, env: Record<string, string>): Promise<{ ms: number; server: Server }> {
  const t0 = performance.now()
  const server = startMeridian(port, env)
  await waitFor(`${server.url}/api/health`)
  return { ms: Math.round(performance.now() - t0), server }
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'officer@demo.meridian.test', password: 'meridian-demo' }),
  })
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

async function institutionId(url: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}/api/institutions?q=Minho`, { headers: { cookie } })
  const list = (await res.json()) as { items: { id: string }[] }
  return list.items[0]!.id
}

interface Run {
  rps: number
  p99: number
  errors: number
}

async function load(url: string, headers: Record<string, string> = {}, warm = true): Promise<Run> {
  if (warm) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers })
  const non2xx = result.non2xx + result.errors + result.timeouts
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: non2xx }
}

const SEARCH_CONNECTIONS = 20
const SEARCH_INSTITUTIONS = 20_000
const SEARCH_AGREEMENTS = 50_000

/** What an officer does in the lists: search, filter, sort and page, over partners and agreements. */
const SEARCHES = [
  '/api/institutions?q=univ&partnersOnly=true',
  '/api/institutions?q=braga',
  '/api/institutions?country=PT,ES&sort=name',
  '/api/institutions?q=medical%20seoul&sort=agreements&dir=desc',
  '/api/institutions?inForce=true&country=KR&page=2',
  '/api/institutions?kind=hospital&sort=updated&dir=desc',
  '/api/institutions?tag=coimbra%20group&q=lyon',
  '/api/institutions?q=GEN00012',
  '/api/agreements?q=medicine',
  '/api/agreements?status=active,expiring&sort=end&dir=asc',
  '/api/agreements?expiringWithin=180',
  '/api/agreements?country=PT&mobilityType=student_studies',
  '/api/agreements?subjectArea=0912&status=active',
  '/api/agreements?q=clinical%20porto&sort=start',
  '/api/agreements?kind=mou&page=3',
  '/api/agreements?q=GEN-0004',
]

function get(url: string, cookie: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie }, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10
}

/** `clients` clients, each running through the searches for `seconds`; latency of every response. */
async function measureSearch(
  url: string,
  cookie: string,
  seconds: number,
  paths: string[] = SEARCHES,
  clients = SEARCH_CONNECTIONS,
) {
  const latencies: number[] = []
  let errors = 0
  const until = performance.now() + seconds * 1000
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      let i = worker
      while (performance.now() < until) {
        const path = paths[i++ % paths.length]!
        const t0 = performance.now()
        const status = await get(`${url}${path}`, cookie, agent)
        latencies.push(performance.now() - t0)
        if (status !== 200) errors++
      }
    }),
  )
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: Math.round(latencies.length / seconds), errors }
}

/** What a visitor does in the public catalog: text and three facets, facet counts in every answer. */
const CATALOG_SEARCHES = [
  '/api/catalog?q=cardiology&country=PT,ES&language=en&clinical=yes',
  '/api/catalog?q=cardiolgy&kind=clinical_elective&minLevel=B1,B2&cost=free',
  '/api/catalog?q=%D1%81%D0%B5%D0%BC%D0%B5%D1%81%D1%82%D1%80&country=KR&duration=5_to_8_weeks&language=ko,en',
  '/api/catalog?q=surg&specialty=general_surgery&period=2027-03&clinical=yes&sort=deadline',
  '/api/catalog?q=research%20seminars&language=en&country=DE,FR,IT&cost=free,under_500',
  '/api/catalog?q=ward%20rounds&kind=observership,clinical_elective&language=pt&clinical=yes',
  '/api/catalog?q=estagio&country=BR,PT&duration=up_to_4_weeks&minLevel=A2,B1',
  '/api/catalog?q=paediatrcs&specialty=paediatrics&language=en&cost=free,under_500',
]
const CATALOG_OPPORTUNITIES = 20_000

type Open = () => Promise<import('../src/server/db/database.js').Database>
type ListBench = (env: Record<string, string>, port: number, open: Open) => Promise<Awaited<ReturnType<typeof measureSearch>>>
type Db = import('../src/server/db/database.js').Database['db']

/**
 * A database with the demo office and what `populate` adds, then Meridian on it, measured with
 * `clients` clients (SEARCH_CONNECTIONS unless said) going through `paths` (signed in as the demo officer, or not).
 */
async function listBench(
  env: Record<string, string>,
  port: number,
  open: Open,
  populate: (db: Db) => Promise<void>,
  paths: string[],
  signedIn: boolean,
  clients = SEARCH_CONNECTIONS,
) {
  const { migrateToLatest } = await import('../src/server/db/migrate.js')
  const { seedDemo } = await import('../src/server/db/seed/demo.js')
  const database = await open()
  const t0 = performance.now()
  await migrateToLatest(database.db)
  await seedDemo(database.db)
  await populate(database.db)
  log(`generated the data in ${Math.round(performance.now() - t0)} ms`)
  await database.close()
  const { server } = await timedStart(port, env)
  try {
    const cookie = signedIn ? await signIn(server.url) : ''
    await measureSearch(server.url, cookie, WARMUP_S, paths, clients)
    return await measureSearch(server.url, cookie, DURATION_S * 2, paths, clients)
  } finally {
    await stop(server)
  }
}

/** The registry: 20,000 institutions and 50,000 agreements, searched by an officer. */
async function searchBench(env: Record<string, string>, port: number, open: Open) {
  const { generateNetwork } = await import('./generate-network.js')
  const populate = async (db: Db) => {
    await generateNetwork(db, { institutions: SEARCH_INSTITUTIONS, agreements: SEARCH_AGREEMENTS })
  }
  return listBench(env, port, open, populate, SEARCHES, true)
}

/** The public catalog: 2,000 hosts and 20,000 published opportunities, searched by visitors. */
async function catalogBench(env: Record<string, string>, port: number, open: Open) {
  const { generateNetwork } = await import('./generate-network.js')
  const { generateOpportunities } = await import('./generate-catalog.js')
  const populate = async (db: Db) => {
    await generateNetwork(db, { institutions: 2_000, agreements: 0 })
    await generateOpportunities(db, CATALOG_OPPORTUNITIES)
  }
  return listBench(env, port, open, populate, CATALOG_SEARCHES, false)
}

/** The mobility report over ten years of 6,000 applications each, read by a handful at once (`report.ts`). */
async function reportBench(env: Record<string, string>, port: number, open: Open) {
  const { REPORTS, REPORT_CLIENTS, populateReport } = await import('./report.js')
  return listBench(env, port, open, populateReport, REPORTS, true, REPORT_CLIENTS)
}

/** Records a list measurement as NAME_p50_ms_KIND, NAME_p95_ms_KIND, NAME_rps_KIND and NAME_errors_KIND. */
function record(
  figures: Record<string, unknown>,
  name: string,
  kind: 'embedded' | 'postgres',
  r: { p50: number; p95: number; rps: number; errors: number },
) {
  figures[`${name}_p50_ms_${kind}`] = r.p50
  figures[`${name}_p95_ms_${kind}`] = r.p95
  figures[`${name}_rps_${kind}`] = r.rps
  figures[`${name}_errors_${kind}`] = r.errors
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function summarise(runs: Run[]) {
  return {
    rps: median(runs.map((r) => r.rps)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    rounds: runs.map((r) => r.rps),
  }
}

async function measureRead(server: Server) {
  const cookie = await signIn(server.url)
  const id = await institutionId(server.url, cookie)
  return load(`${server.url}/api/institutions/${id}`, { cookie })
}

/** Whether BENCH_ONLY asks for this part (all parts when it is not set). */
function wanted(part: string): boolean {
  const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim())
  return !only?.length || only.includes(part)
}

async function main() {
  const figures: Record<string, unknown> = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    rounds: ROUNDS,
    log_level: 'warn',
  }

  if (wanted('web')) {
    log("web: building, then the public catalog page's JavaScript")
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (build.status !== 0) throw new Error('vite build failed')
    const { pageJsGzipKb } = await import('./web-size.js')
    figures.catalog_js_gzip_kb = pageJsGzipKb('dist/web', 'src/web/features/catalog/CatalogPage.tsx')
  }

  if (wanted('allocation')) {
    log('allocation: 50,000 applicants over 5,000 opportunities')
    await (await import('./allocation.js')).allocationBench(figures)
  }

  if (wanted('import_xlsx')) {
    log('import_xlsx: 50,000 rows × 20 columns, and a wide bomb')
    await (await import('./import-xlsx.js')).importXlsxBench(figures)
  }

  if (wanted('read')) await embeddedRead(figures)
  const { openDatabase } = await import('../src/server/db/database.js')
  // The list parts, each on a fresh database of its own: embedded first, then on the server.
  const parts: [name: string, what: string, port: number, bench: ListBench][] = [
    ['partners_search', 'partner and agreement search over the generated network', 4104, searchBench],
    ['catalog_search', 'public catalog search over 20,000 opportunities', 4106, catalogBench],
    ['mobility_report', 'the mobility report over 60,000 applications', 4108, reportBench],
  ]
  for (const [name, what, port, bench] of parts.filter(([name]) => wanted(name))) {
    log(`embedded: ${what}`)
    const dir = mkdtempSync(path.join(tmpdir(), 'meridian-bench-'))
    record(
      figures,
      name,
      'embedded',
      await bench({ DATA_DIR: dir, DATABASE_URL: '' }, port, () => openDatabase({ dataDir: dir })),
    )
    rmSync(dir, { recursive: true, force: true })
  }

  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    figures.postgres = 'skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server to measure it'
  } else {
    const name = `meridian_bench_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    figures.postgres_server = `${url.host}`
    try {
      if (wanted('read')) await postgresRead(figures, url.toString())

      for (const [part, what, port, bench] of parts.filter(([part]) => wanted(part))) {
        log(`postgres: ${what}`)
        await admin.query(`create database ${name}_${part}`)
        const partUrl = new URL(serverUrl)
        partUrl.pathname = `/${name}_${part}`
        const env = {
          DATABASE_URL: partUrl.toString(),
          SEED_DEMO: 'no',
          DATA_DIR: mkdtempSync(path.join(tmpdir(), 'meridian-bench-')),
        }
        record(
          figures,
          part,
          'postgres',
          await bench(env, port + 1, () => openDatabase({ url: partUrl.toString(), dataDir: '' })),
        )
      }
    } finally {
      for (const [part] of parts) await admin.query(`drop database if exists ${name}_${part} with (force)`)
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
}

/** Embedded: first start on an empty directory, then a restart on the existing data, and the authenticated read. */
async function embeddedRead(figures: Record<string, unknown>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meridian-bench-'))
  log('embedded: first start')
  const first = await timedStart(4101, { DATA_DIR: dataDir, DATABASE_URL: '' })
  figures.first_start_ms = first.ms
  await stop(first.server)
  log('embedded: restart')
  const again = await timedStart(4101, { DATA_DIR: dataDir, DATABASE_URL: '' })
  figures.startup_ms = again.ms
  log('embedded: authenticated read')
  const embedded = await measureRead(again.server)
  figures.read_rps_embedded = embedded.rps
  figures.read_p99_ms_embedded = embedded.p99
  figures.read_errors_embedded = embedded.errors
  await stop(again.server)
  rmSync(dataDir, { recursive: true, force: true })
}

/** PostgreSQL: the authenticated read against bare Fastify + pg on the same database, in alternating rounds. */
async function postgresRead(figures: Record<string, unknown>, dbUrl: string) {
  log('postgres: authenticated read against bare Fastify + pg, interleaved')
  const started = await timedStart(4102, {
    DATABASE_URL: dbUrl,
    SEED_DEMO: 'yes',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'meridian-bench-')),
  })
  figures.startup_ms_postgres = started.ms
  const cookie = await signIn(started.server.url)
  const id = await institutionId(started.server.url, cookie)
  const bare: Server = {
    child: spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
      env: { ...process.env, PORT: '4103', DATABASE_URL: dbUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
    url: 'http://127.0.0.1:4103',
  }
  await waitFor(`${bare.url}/institutions/${id}`)
  const oursUrl = `${started.server.url}/api/institutions/${id}`
  const bareUrl = `${bare.url}/institutions/${id}`
  // Both servers stay up; rounds alternate so drift on the machine hits both alike.
  const ours: Run[] = []
  const baseline: Run[] = []
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(await load(oursUrl, { cookie }, round === 0))
    baseline.push(await load(bareUrl, {}, round === 0))
  }
  await stop(started.server)
  await stop(bare)
  const o = summarise(ours)
  const b = summarise(baseline)
  figures.read_rps_postgres = o.rps
  figures.read_p99_ms_postgres = o.p99
  figures.read_errors_postgres = o.errors
  figures.read_rps_postgres_rounds = o.rounds
  figures.bare_read_rps_postgres = b.rps
  figures.bare_read_p99_ms_postgres = b.p99
  figures.bare_read_rps_postgres_rounds = b.rounds
  figures.read_ratio_postgres = Math.round((o.rps / b.rps) * 100) / 100
  figures.read_ratio_postgres_rounds = ours.map((r, i) => Math.round((r.rps / baseline[i]!.rps) * 100) / 100)
}

main().catch((error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
