import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

// Work that a hostile input could make slow or large (reading an uploaded spreadsheet) runs in a
// worker thread with a time and a memory limit, so the server's own thread keeps answering,
// and at most a few such workers run at once.

export interface WorkerLimits {
  timeoutMs: number
  maxMemoryMb: number
}

export type WorkerOutcome<T> =
  | { ok: true; result: T }
  /** refused: the module turned the input down on purpose (a limit); failed: it could not handle it. */
  | { ok: false; reason: 'refused' | 'failed' | 'timeout' | 'memory'; message: string }

const ENTRY = new URL('./entry.mjs', import.meta.url)
const MAX_RUNNING = Math.max(1, Math.min(2, availableParallelism() - 1))
let running = 0
const waiting: (() => void)[] = []

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  return () => {
    running--
    waiting.shift()?.()
  }
}

/** Calls `exportName` of the module at `moduleUrl` with `input` in a fresh worker thread. */
export async function runInWorker<T>(
  moduleUrl: URL,
  exportName: string,
  input: unknown,
  limits: WorkerLimits,
): Promise<WorkerOutcome<T>> {
  const release = await slot()
  try {
    return await new Promise<WorkerOutcome<T>>((resolve) => {
      const worker = new Worker(ENTRY, {
        workerData: { moduleUrl: moduleUrl.href, exportName, input },
        // a young generation of 64 MB: with the default that a memory limit implies, reading 50,000 rows takes half as long again
        resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
        stdout: false,
        stderr: false,
      })
      let settled = false
      const settle = (outcome: WorkerOutcome<T>) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        void worker.terminate()
        resolve(outcome)
      }
      const timer = setTimeout(
        () => settle({ ok: false, reason: 'timeout', message: `took longer than ${limits.timeoutMs / 1000} s` }),
        limits.timeoutMs,
      )
      worker.on('message', (m: { ok: true; result: T } | { ok: false; expected: boolean; message: string }) =>
        settle(m.ok ? m : { ok: false, reason: m.expected ? 'refused' : 'failed', message: m.message }),
      )
      worker.on('error', (error: Error & { code?: string }) =>
        settle({
          ok: false,
          reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'failed',
          message: error.message,
        }),
      )
      worker.on('exit', () => settle({ ok: false, reason: 'failed', message: 'the worker stopped without an answer' }))
    })
  } finally {
    release()
  }
}
