import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATALOG_RECHECK_MS } from '../src/server/modules/catalog/opportunities/catalog.js'
import { TEST_DB_KINDS, type TestDbKind } from './db.js'
import { HttpSession, runCommand, type ServerProcess, serverEnv, startServerProcess } from './server-process.js'

// Faults a real install lives through, on Meridian run as `npm start` runs it: kill -9 in the
// middle of writes, the PostgreSQL server cutting every connection under load, two processes
// serving one database, and a disk filling up while Meridian writes (issue 18, point 10).

const ADMIN = 'admin@faults.test'
const PASSWORD = 'a long enough password'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Shared by every process of one install, as an operator sets them for several instances. */
const SECRETS = {
  SESSION_SECRET: randomBytes(24).toString('hex'),
  DOCUMENT_KEY: randomBytes(32).toString('base64'),
}

interface Install {
  dataDir: (name: string) => string
  databaseUrl: string | undefined
  databaseName: string | null
  close(): Promise<void>
}

/** An empty install with one admin: a data directory, and on the server a database of its own. */
async function newInstall(kind: TestDbKind): Promise<Install> {
  const root = mkdtempSync(path.join(tmpdir(), 'meridian-faults-'))
  let databaseUrl: string | undefined
  let databaseName: string | null = null
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    databaseName = `meridian_faults_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
    await admin.query(`create database ${databaseName}`)
    await admin.end()
    const url = new URL(process.env.TEST_DATABASE_URL!)
    url.pathname = `/${databaseName}`
    databaseUrl = url.toString()
  }
  const dataDir = (name: string) => path.join(root, name)
  await runCommand(
    ['create-admin', '--email', ADMIN, '--institution', 'Faults University', '--country', 'PT'],
    serverEnv(dataDir('a'), databaseUrl, { ...SECRETS, MERIDIAN_ADMIN_PASSWORD: PASSWORD }),
  )
  return {
    dataDir,
    databaseUrl,
    databaseName,
    async close() {
      rmSync(root, { recursive: true, force: true })
      if (!databaseName) return
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      await admin.query(`drop database if exists ${databaseName} with (force)`)
      await admin.end()
    },
  }
}

const institution = (name: string) => ({ name, kind: 'university', country: 'ES', confirmDuplicate: true })

// Each of these starts, kills and restarts Meridian processes: minutes on a loaded machine, not the seconds of a unit test.
const FAULT_TEST_MS = 180_000

describe.each(TEST_DB_KINDS)('faults on the %s database', (kind) => {
  let install: Install
  const running: ServerProcess[] = []
  const start = async (dir = 'a', extra: Record<string, string> = {}) => {
    const server = await startServerProcess(serverEnv(install.dataDir(dir), install.databaseUrl, { ...SECRETS, ...extra }))
    running.push(server)
    return server
  }

  beforeAll(async () => {
    install = await newInstall(kind)
  })
  afterAll(async () => {
    await Promise.all(running.map((s) => s.kill()))
    await install?.close()
  })

  it(
    'loses no acknowledged write when killed with -9 in the middle of writing',
    async () => {
      const acknowledged: string[] = []
      let interrupted = 0
      for (const round of [1, 2]) {
        const server = await start()
        const admin = await HttpSession.signIn(server.url, ADMIN, PASSWORD)
        let writing = true
        const roundAcks: string[] = []
        const writer = async (w: number) => {
          for (let i = 0; writing; i++) {
            try {
              const res = await admin.call('POST', '/api/institutions', institution(`Kill ${round}.${w}.${i} Hospital`))
              if (res.status !== 201) throw new Error(`a write answered ${res.status}: ${JSON.stringify(res.body)}`)
              roundAcks.push(res.body.id)
            } catch (error) {
              if (writing) throw error
              interrupted++ // cut off by the kill: never acknowledged
            }
          }
        }
        const writers = [1, 2, 3, 4].map((w) => writer(w))
        const deadline = Date.now() + 20_000
        while (roundAcks.length < 60 && Date.now() < deadline) await sleep(50)
        writing = false
        await server.kill()
        await Promise.all(writers)
        expect(roundAcks.length).toBeGreaterThanOrEqual(60)
        acknowledged.push(...roundAcks)
      }

      const server = await start()
      const admin = await HttpSession.signIn(server.url, ADMIN, PASSWORD)
      const missing: string[] = []
      for (const id of acknowledged) {
        const res = await admin.call('GET', `/api/institutions/${id}`)
        if (res.status !== 200) missing.push(`${id}: ${res.status}`)
      }
      expect(missing).toEqual([])
      // Meridian writes again after the kills.
      expect((await admin.call('POST', '/api/institutions', institution('After the kills Hospital'))).status).toBe(201)
      await server.stop()
      console.info(
        `faults on ${kind}: ${acknowledged.length} acknowledged writes over two kill -9 rounds, all found; ${interrupted} cut off unanswered`,
      )
    },
    FAULT_TEST_MS,
  )

  it.runIf(kind === 'postgres')(
    'answers 503 saying why while the database drops every connection, and recovers without a restart',
    async () => {
      const server = await start()
      const admin = await HttpSession.signIn(server.url, ADMIN, PASSWORD)
      const killer = new pg.Client({ connectionString: install.databaseUrl })
      await killer.connect()
      const statuses = new Map<number, number>()
      const unclear: string[] = []
      let loading = true
      const load = async (w: number) => {
        for (let i = 0; loading; i++) {
          const res =
            w % 2
              ? await admin.call('GET', '/api/institutions?q=hospital')
              : await admin.call('POST', '/api/institutions', institution(`Cut ${w}.${i} Hospital`))
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          if (res.status === 503 && !/database cannot be reached/.test(res.body?.detail)) unclear.push(JSON.stringify(res.body))
          if (![200, 201, 503].includes(res.status)) unclear.push(`${res.status}: ${JSON.stringify(res.body)}`)
        }
      }
      const loaders = [0, 1, 2, 3].map(load)
      // Every backend serving this database ended, again and again, as a server restart does.
      const until = Date.now() + 4_000
      let cuts = 0
      while (Date.now() < until) {
        const res = await killer.query(
          'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [install.databaseName],
        )
        cuts += Number(res.rows[0].n)
        await sleep(150)
      }
      loading = false
      await Promise.all(loaders)
      await killer.end()
      expect(cuts).toBeGreaterThan(0)
      expect(unclear).toEqual([])
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0)

      // Recovered by itself: reads, writes and the health check answer again within seconds.
      const recovered = Date.now() + 10_000
      let write = await admin.call('POST', '/api/institutions', institution('After the cuts Hospital'))
      while (write.status !== 201 && Date.now() < recovered) {
        await sleep(200)
        write = await admin.call('POST', '/api/institutions', institution('After the cuts Hospital'))
      }
      expect(write.status).toBe(201)
      expect((await admin.call('GET', `/api/institutions/${write.body.id}`)).status).toBe(200)
      const health = await fetch(`${server.url}/api/health`).then((r) => r.json())
      expect(health).toMatchObject({ databaseReachable: true })
      await server.stop()
    },
    FAULT_TEST_MS,
  )

  it.runIf(kind === 'postgres')(
    "two processes serving one database: a write on one is in the other's lists at once and in its catalog within the refresh interval",
    async () => {
      const [a, b] = await Promise.all([start('a'), start('b')])
      const onA = await HttpSession.signIn(a.url, ADMIN, PASSWORD)
      const onB = onA.on(b.url)
      // A session begun on one is honoured by the other.
      expect((await onB.call('GET', '/api/me')).status).toBe(200)

      const host = await onA.call('POST', '/api/institutions', institution('Twin Processes Hospital'))
      expect(host.status).toBe(201)
      const listed = await onB.call('GET', '/api/institutions?q=twin%20processes')
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([host.body.id])

      // B's catalog index is built before A publishes, so B must notice the change itself.
      expect((await onB.call('GET', '/api/catalog?q=nephrology')).body.total).toBe(0)
      const opportunity = await onA.call('POST', '/api/opportunities', {
        kind: 'clinical_elective',
        direction: 'outgoing',
        hostInstitutionId: host.body.id,
        title: { en: 'Nephrology elective at Twin Processes Hospital' },
        description: { en: '<p>Dialysis unit and ward rounds.</p>' },
        specialty: 'nephrology',
        languages: [{ language: 'en', minLevel: 'B2' }],
        clinicalPractice: true,
        clinicalHoursPerWeek: 30,
        durationWeeks: 4,
        requirements: [],
        feeAmount: 0,
        blocks: [{ label: 'Block 1', startsOn: '2027-03-01', endsOn: '2027-03-28', capacity: 2 }],
      })
      expect(opportunity.status).toBe(201)
      expect((await onA.call('POST', `/api/opportunities/${opportunity.body.id}/status`, { status: 'published' })).status).toBe(
        200,
      )
      const published = Date.now()
      let seen = -1
      while (Date.now() - published < CATALOG_RECHECK_MS + 5_000) {
        const found = await onB.call('GET', '/api/catalog?q=nephrology')
        if (found.body.total === 1) {
          seen = Date.now() - published
          break
        }
        await sleep(250)
      }
      expect(seen).toBeGreaterThanOrEqual(0)
      expect(seen).toBeLessThanOrEqual(CATALOG_RECHECK_MS + 1_000)

      // Signing out on one ends the session on the other within its session cache's few seconds.
      expect((await onA.call('POST', '/api/auth/sign-out')).status).toBeLessThan(300)
      const signedOut = Date.now()
      let refused = -1
      while (Date.now() - signedOut < 10_000) {
        if ((await onB.call('GET', '/api/me')).status === 401) {
          refused = Date.now() - signedOut
          break
        }
        await sleep(250)
      }
      expect(refused).toBeGreaterThanOrEqual(0)
      expect(refused).toBeLessThanOrEqual(6_000)
      await Promise.all([a.stop(), b.stop()])
    },
    FAULT_TEST_MS,
  )

  it.runIf(kind === 'embedded')(
    'refuses writes within seconds, without hanging, when the disk fills up while writing',
    async (ctx) => {
      // A small disk of its own: a tmpfs, when this machine lets us mount one (as root in CI).
      const mountPoint = install.dataDir('small-disk')
      mkdirSync(mountPoint, { recursive: true })
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountPoint], { stdio: 'ignore' })
      } catch {
        console.warn(
          'faults: cannot mount a tmpfs here, so the full-disk fault is not run; the disk-guard test covers the refusal',
        )
        ctx.skip()
        return
      }
      try {
        const dataDir = path.join(mountPoint, 'data')
        await runCommand(
          ['create-admin', '--email', ADMIN, '--institution', 'Faults University', '--country', 'PT'],
          serverEnv(dataDir, undefined, { ...SECRETS, MERIDIAN_ADMIN_PASSWORD: PASSWORD }),
        )
        const server = await startServerProcess(serverEnv(dataDir, undefined, { ...SECRETS, MIN_FREE_DISK_MB: '40' }))
        running.push(server)
        const admin = await HttpSession.signIn(server.url, ADMIN, PASSWORD)
        const answers: { status: number; ms: number }[] = []
        let writing = true
        const writer = async (w: number) => {
          for (let i = 0; writing; i++) {
            const started = Date.now()
            const res = await admin.call('POST', '/api/institutions', institution(`Disk ${w}.${i} Hospital`), 10_000)
            answers.push({ status: res.status, ms: Date.now() - started })
            if (res.status === 503) await sleep(100)
          }
        }
        const writers = [1, 2].map(writer)
        await sleep(500)
        // Another program fills the disk to 20 MB free, under the 40 MB Meridian keeps.
        const filler = path.join(mountPoint, 'filler')
        const free = () => {
          const fs = statfsSync(mountPoint)
          return (fs.bavail * fs.bsize) / 1024 / 1024
        }
        writeFileSync(filler, Buffer.alloc(Math.max(0, Math.floor(free() - 20)) * 1024 * 1024))
        const filled = Date.now()
        let refusedAfter = -1
        while (Date.now() - filled < 10_000) {
          const last = answers.at(-1)
          if (last?.status === 503) {
            refusedAfter = Date.now() - filled
            break
          }
          await sleep(50)
        }
        expect(refusedAfter).toBeGreaterThanOrEqual(0)
        expect(refusedAfter).toBeLessThan(5_000)
        const health = await fetch(`${server.url}/api/health`).then((r) => r.json())
        expect(health).toMatchObject({ status: 'degraded', disk: { writable: false, minFreeMb: 40 } })
        expect((await admin.call('GET', '/api/institutions?q=disk')).status).toBe(200)

        // Space freed: writes go on by themselves.
        unlinkSync(filler)
        const freed = Date.now()
        while (Date.now() - freed < 10_000 && answers.at(-1)?.status !== 201) await sleep(50)
        writing = false
        await Promise.all(writers)
        expect(answers.at(-1)?.status).toBe(201)
        expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([])
        expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000)
        await server.stop()
      } finally {
        execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' })
      }
    },
    FAULT_TEST_MS,
  )
})
