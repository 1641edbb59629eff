import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // One limit for every test and set-up; a test that needs longer says so itself, with the reason
    // (processes started, large files read). Two suites run at once on two cores, so a test that takes
    // 8 s alone can take 30 s beside one that starts processes: the limit leaves room for that.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
