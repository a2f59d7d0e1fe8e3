import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    // better-sqlite3 is a native addon: child processes load it cleanly, worker threads share
    // one process and can trip over its per-process state.
    pool: 'forks',
  },
});
