import { DataDirLockedError } from './db/lock.js'
import { EnvError } from './env.js'

// Each command loads what it needs when it runs, so a short one (allocate) starts quickly.

const USAGE = `Usage: meridian <command>

  start                      serve Meridian (what "npm start" runs)
  migrate                    apply database migrations and exit
  seed                       add the demo data to an empty database
  backup FILE                copy the embedded database to FILE (.tar.gz); stop Meridian first
  restore FILE               replace the embedded database with FILE; stop Meridian first
  create-admin --email E [--name N] [--institution NAME --country CC]
                             create an admin account (asks for the password on standard input,
                             or takes MERIDIAN_ADMIN_PASSWORD); the first one also names the home institution
  allocate FILE              allocate places: read an allocation instance (JSON; - for standard input)
                             and print the assignments, cut-offs and explanations as JSON

The database is the PostgreSQL server in DATABASE_URL, or the embedded one in DATA_DIR (./data).`

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case undefined:
    case 'start':
      await (await import('./main.js')).main()
      return -1 // keeps running
    case 'migrate':
    case 'seed':
    case 'backup':
    case 'restore':
    case 'create-admin':
      return (await import('./admin-commands.js')).adminCommand(command, rest)
    case 'allocate':
      return (await import('./modules/selection/engine/command.js')).allocateCommand(rest)
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE)
      return 0
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`)
      return 2
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error) => {
    if (error instanceof EnvError || error instanceof DataDirLockedError) {
      console.error(error.message)
      process.exit(2)
    }
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
