import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A test or a suite's set-up that needs longer says so itself, with the reason (processes started, large files read).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
