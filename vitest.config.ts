import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['__tests__/unit/**/*.test.ts'],
          environment: 'node',
          // property tests run hundreds of compiles: 5 s (vitest's default) is too tight on a
          // busy 2-core machine, and a time limit is not what they test
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts'],
          environment: 'node',
          // real docker builds on 2 cores: one file at a time, generous timeouts
          fileParallelism: false,
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
        },
      },
    ],
  },
});
