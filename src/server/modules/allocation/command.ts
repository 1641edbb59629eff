import { readFileSync, writeSync } from 'node:fs'
import { compile, match } from './engine.js'
import { present } from './explain.js'
import { InvalidInstanceError, parseInstance } from './instance.js'

/**
 * `meridian allocate FILE` (or `-` for standard input): reads an allocation instance as JSON and
 * prints the result as JSON. Exit code 2 for an instance that cannot be read or is not valid,
 * with every offending entry named on standard error.
 */
export function allocateCommand(args: string[]): number {
  const file = args[0]
  if (!file || args.length > 1) {
    console.error('Usage: meridian allocate FILE   (an allocation instance as JSON; - reads standard input)')
    return 2
  }
  let text: string
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`)
    return 2
  }
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (error) {
    console.error(`${file} is not JSON: ${(error as Error).message}`)
    return 2
  }
  try {
    const result = present(match(compile(parseInstance(input))))
    writeAll(`${JSON.stringify(result)}\n`)
    return 0
  } catch (error) {
    if (error instanceof InvalidInstanceError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
}

/** Writes synchronously, so a large result reaches a pipe whole before the process exits. */
function writeAll(text: string) {
  const bytes = Buffer.from(text)
  let offset = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    }
  }
}
