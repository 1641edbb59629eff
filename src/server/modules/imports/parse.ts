import { AppError, AppErrorCode } from '../../http/errors.js'
import { runInWorker } from '../../workers/run.js'
import type { Sheet } from './spreadsheet.js'

export type { Sheet } from './spreadsheet.js'

const SPREADSHEET_MODULE = new URL(import.meta.url.endsWith('.ts') ? './spreadsheet.ts' : './spreadsheet.js', import.meta.url)
/** A file within the limits (100,000 rows, 2 million cells) reads in a few seconds and well under this memory. */
export const PARSE_LIMITS = { timeoutMs: 30_000, maxMemoryMb: 768 }

/**
 * Reads an uploaded spreadsheet (XLSX or CSV, see spreadsheet.ts) in a worker thread: the server
 * keeps answering while it is read, and a file past the limits is refused with the limit it reached.
 */
export async function readSpreadsheet(content: Buffer): Promise<Sheet[]> {
  const outcome = await runInWorker<Sheet[]>(SPREADSHEET_MODULE, 'parseSpreadsheet', content, PARSE_LIMITS)
  if (outcome.ok) return outcome.result
  switch (outcome.reason) {
    case 'refused':
      throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, outcome.message)
    case 'timeout':
      throw new AppError(
        AppErrorCode.PAYLOAD_TOO_LARGE,
        `The file took longer than ${PARSE_LIMITS.timeoutMs / 1000} s to read; an import must read within that time. Split the file or save it as CSV.`,
      )
    case 'memory':
      throw new AppError(
        AppErrorCode.PAYLOAD_TOO_LARGE,
        `The file needs more than ${PARSE_LIMITS.maxMemoryMb} MB to read; an import may use at most that. Split the file or save it as CSV.`,
      )
    default:
      throw AppError.validation('body', 'is not a CSV or XLSX file that can be read')
  }
}
