// The yardstick: Fastify and pg alone, reading one institution by id, nothing else.
import Fastify from 'fastify'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const app = Fastify({ logger: false })
app.get<{ Params: { id: string } }>('/institutions/:id', async (request, reply) => {
  const { rows } = await pool.query(
    'select id, name, kind, country, city, website, erasmus_code, schac_id, ror_id, is_home from institutions where id = $1',
    [request.params.id],
  )
  if (!rows[0]) return reply.status(404).send({ error: 'not found' })
  return rows[0]
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')
process.on('SIGTERM', () =>
  app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
)
