import { ROLES } from '../shared/roles.js'
import { DocumentKeyError } from './db/document-key.js'
import { DataDirLockedError } from './db/lock.js'
import { DEMO_PASSWORD, demoEmail } from './db/seed/demo.js'
import { EnvError, loadEnv } from './env.js'
import { startServer } from './server.js'

/** `npm start`: serve Meridian until SIGTERM or SIGINT, then finish requests and close cleanly. */
export async function main(): Promise<void> {
  const started = Date.now()
  try {
    const env = loadEnv()
    const running = await startServer(env)
    const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`
    const lines = [
      '',
      `  Meridian is ready at ${url}  (${Date.now() - started} ms)`,
      `  Database: ${running.database.kind === 'embedded' ? `embedded, in ${env.dataDir}` : 'PostgreSQL server'}`,
      `  API docs: ${url}/api/docs`,
    ]
    if (running.database.kind === 'embedded' || running.seeded) {
      lines.push(`  Demo sign-ins (password "${DEMO_PASSWORD}"): ${ROLES.map((r) => demoEmail(r)).join(', ')}`)
    }
    process.stdout.write(`${lines.join('\n')}\n\n`)
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        running.app.log.info({ signal }, 'shutting down')
        running.stop().then(
          () => process.exit(0),
          (err) => {
            running.app.log.error({ err }, 'shutdown failed')
            process.exit(1)
          },
        )
      })
    }
  } catch (error) {
    if (error instanceof EnvError || error instanceof DataDirLockedError || error instanceof DocumentKeyError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
}
