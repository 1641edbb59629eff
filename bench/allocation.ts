import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The allocation engine in process and as a command over a generated instance. */
export async function allocationBench(figures: Record<string, unknown>) {
  const { generateAllocation } = await import('./generate-allocation.js')
  const { parseInstance } = await import('../src/server/modules/selection/engine/instance.js')
  const { compile, match } = await import('../src/server/modules/selection/engine/engine.js')
  const { present } = await import('../src/server/modules/selection/engine/explain.js')
  const input = generateAllocation({ applicants: 50_000, opportunities: 5_000, choices: 10 })
  const timed = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now()
    const value = fn()
    return [value, performance.now() - t0]
  }
  const [instance, validateMs] = timed(() => parseInstance(input))
  const matchRuns: number[] = []
  const indexRuns: number[] = []
  let matching = match(compile(instance))
  for (let i = 0; i < 10; i++) {
    const [compiled, indexMs] = timed(() => compile(instance))
    const [m, matchMs] = timed(() => match(compiled))
    matching = m
    if (i >= 3) {
      indexRuns.push(indexMs)
      matchRuns.push(matchMs)
    }
  }
  const [result, explainMs] = timed(() => present(matching))
  figures.allocation_50k_ms = Math.round(median(matchRuns) * 10) / 10
  figures.allocation_50k_index_ms = Math.round(median(indexRuns) * 10) / 10
  figures.allocation_50k_validate_ms = Math.round(validateMs)
  figures.allocation_50k_explain_ms = Math.round(explainMs)
  figures.allocation_50k_placed = result.stats.placed
  figures.allocation_50k_first_choice = result.stats.byChoice[0]
  const dir = mkdtempSync(path.join(tmpdir(), 'meridian-bench-'))
  const file = path.join(dir, 'instance.json')
  writeFileSync(file, JSON.stringify(input))
  figures.allocation_50k_input_mb = Math.round(statSync(file).size / 1e5) / 10
  // The first run of `meridian allocate` after a change compiles it (bin/compiled.mjs); that run
  // is reported apart, and the command is timed as it runs from then on.
  const t0 = performance.now()
  const first = spawnSync(process.execPath, ['bin/meridian.mjs', 'allocate', file], { maxBuffer: 1 << 30 })
  if (first.status !== 0) throw new Error(`meridian allocate failed: ${first.stderr}`)
  figures.allocation_50k_command_first_ms = Math.round(performance.now() - t0)
  const commands: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const out = spawnSync(process.execPath, ['bin/meridian.mjs', 'allocate', file], { maxBuffer: 1 << 30 })
    commands.push(performance.now() - t0)
    if (out.status !== 0) throw new Error(`meridian allocate failed: ${out.stderr}`)
    figures.allocation_50k_output_mb = Math.round(out.stdout.length / 1e5) / 10
  }
  figures.allocation_50k_command_ms = Math.round(median(commands))
  rmSync(dir, { recursive: true, force: true })
}
