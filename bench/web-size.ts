import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

interface Chunk {
  file: string
  isEntry?: boolean
  imports?: string[]
}

/**
 * The compressed JavaScript a first visit to a page downloads, from Vite's manifest: the entry
 * and what it imports, the page's own chunk and what it imports, and the English catalogue.
 */
export function pageJsGzipKb(distDir: string, page: string): number {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)
  if (!entry) throw new Error('The manifest has no entry')
  visit(entry)
  visit(page)
  visit('src/web/i18n/locales/en.json')
  let bytes = 0
  for (const file of files) {
    if (file.endsWith('.js')) bytes += gzipSync(readFileSync(path.join(distDir, file))).length
  }
  return Math.round((bytes / 1024) * 10) / 10
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(pageJsGzipKb('dist/web', process.argv[2] ?? 'src/web/features/catalog/CatalogPage.tsx'))
}
