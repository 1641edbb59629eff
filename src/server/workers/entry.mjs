// The entry of every worker thread (run.ts): loads the TypeScript module it is given (through
// tsx when it runs from sources), calls the named export with the input, and posts the answer.
// An expected refusal (an error whose class sets `expected = true`) is posted as such, with its message.
import { parentPort, workerData } from 'node:worker_threads'

const { moduleUrl, exportName, input } = workerData
try {
  if (moduleUrl.endsWith('.ts')) {
    const { register } = await import('tsx/esm/api')
    register()
  }
  const mod = await import(moduleUrl)
  const result = await mod[exportName](input)
  parentPort.postMessage({ ok: true, result })
} catch (error) {
  const expected = error?.constructor?.expected === true
  parentPort.postMessage({ ok: false, expected, message: error instanceof Error ? error.message : String(error) })
  if (process.env.DEBUG_WORKER) console.error(error)
}
