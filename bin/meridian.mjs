#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so there is no separate build of the server.
// `allocate` is timed as a whole command, so it runs from a compiled copy when it can (compiled.mjs);
// MERIDIAN_COMPILED=0 runs it from its sources like the rest.
import { compiled } from './compiled.mjs'

if (process.argv[2] === 'allocate' && process.env.MERIDIAN_COMPILED !== '0') {
  const url = await compiled('allocate', 'src/server/modules/selection/engine/command.ts')
  const command = url ? await import(url).catch(() => null) : null
  if (command) {
    const { allocateCommand } = command
    const code = await allocateCommand(process.argv.slice(3)).catch((error) => {
      console.error(error instanceof Error ? error.message : error)
      return 1
    })
    process.exit(code)
  }
}

const { register } = await import('tsx/esm/api')
register()
await import('../src/server/cli.ts')
