#!/usr/bin/env node
// `npm start`: build the web app when its sources are newer than the last build, then serve.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = path.join(root, 'dist/web/index.html')

function newest(p) {
  if (!existsSync(p)) return 0
  const s = statSync(p)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))))
}

const sources = ['src/web', 'src/shared', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) =>
  newest(path.join(root, p)),
)
if (!existsSync(built) || Math.max(...sources) > statSync(built).mtimeMs) {
  process.stdout.write('Building the web app…\n')
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
process.argv.splice(2, process.argv.length, 'start')
await import('../bin/meridian.mjs')
