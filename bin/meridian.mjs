#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so there is no separate build of the server.
import { register } from 'tsx/esm/api'

register()
await import('../src/server/cli.ts')
