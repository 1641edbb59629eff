// A command that must start quickly (`meridian allocate`) runs from JavaScript that esbuild
// compiles from its TypeScript sources on first use, instead of through tsx, whose loader alone
// costs a fifth of a second (decision 021). The compiled files live in node_modules/.cache and are
// compiled again whenever one of their sources changes; with no esbuild or no writable cache the
// caller falls back to tsx.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cache = path.join(root, 'node_modules/.cache/meridian')

function fresh(manifest, entry) {
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8'))
    if (m.entry !== entry) return null
    for (const [file, mtime] of m.inputs) if (statSync(path.join(root, file)).mtimeMs !== mtime) return null
    return path.join(cache, m.dir, m.output)
  } catch {
    return null
  }
}

/** The URL of `entry` (a path from the repository's root) compiled to JavaScript, or null. */
export async function compiled(name, entry) {
  const manifest = path.join(cache, `${name}.json`)
  const ready = fresh(manifest, entry)
  if (ready) return pathToFileURL(ready).href
  try {
    const esbuild = await import('esbuild')
    const dir = `${name}-${process.pid}-${Date.now()}`
    mkdirSync(cache, { recursive: true })
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      // A dynamic import stays a separate file, loaded only when reached (zod, to word errors).
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outdir: path.join(cache, dir),
      entryNames: '[name]',
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs).map((file) => [file, statSync(path.join(root, file)).mtimeMs])
    const output = `${path.basename(entry).replace(/\.ts$/, '')}.js`
    let previous = null
    try {
      previous = JSON.parse(readFileSync(manifest, 'utf8')).dir
    } catch {}
    writeFileSync(`${manifest}.${process.pid}`, JSON.stringify({ entry, dir, output, inputs }))
    renameSync(`${manifest}.${process.pid}`, manifest)
    // The copy it replaces goes, unless it is so new that another run may still be loading from it.
    const old = previous && previous !== dir ? path.join(cache, previous) : null
    try {
      if (old && Date.now() - statSync(old).mtimeMs > 60_000) rmSync(old, { recursive: true, force: true })
    } catch {}
    return pathToFileURL(path.join(cache, dir, output)).href
  } catch {
    return null
  }
}
