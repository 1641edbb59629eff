// Creates or drops a database on the local PostgreSQL server for one CI run.
import pg from 'pg'

const [command, name] = process.argv.slice(2)
const admin = new pg.Client({
  connectionString: process.env.CI_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
})
await admin.connect()
try {
  if (command === 'ping') await admin.query('select 1')
  else if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error(`bad database name ${name}`)
  else if (command === 'create') await admin.query(`create database ${name}`)
  else if (command === 'drop') await admin.query(`drop database if exists ${name} with (force)`)
  else throw new Error(`unknown command ${command}`)
} finally {
  await admin.end()
}
