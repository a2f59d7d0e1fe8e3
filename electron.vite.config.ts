import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite looks up the installed Electron's major version (electron/package.json) and
// stops when it is missing, which is exactly the offline install: npm drops the optional
// `electron` package when its binary cannot be downloaded. The version we ship is pinned in
// package.json, so hand electron-vite that instead; serve mode then builds with or without it.
if (!process.env.ELECTRON_MAJOR_VER) {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as {
    optionalDependencies?: Record<string, string>;
  };
  const pinned = /\d+/.exec(manifest.optionalDependencies?.electron ?? '')?.[0];
  if (pinned) process.env.ELECTRON_MAJOR_VER = pinned;
}

// Targets are pinned so the build does not depend on the Electron package being installed
// (it is an optional dependency: offline installs run serve mode without it).
const NODE_TARGET = 'node20';
const CHROME_TARGET = 'chrome132';

// `@shared/…` is the one path alias (tsconfig.base.json `paths`): every layer imports the contract and pure logic.
const resolveShared = { alias: { '@shared': resolve(__dirname, 'shared') } };

export default defineConfig({
  main: {
    resolve: resolveShared,
    build: {
      target: NODE_TARGET,
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron app shell.
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Serve mode: the same core under plain Node, no Electron.
          serve: resolve(__dirname, 'electron/serve/index.ts'),
          // Feeds are parsed in a worker thread with heap limits (feed-parser-pool.ts loads it by this name).
          'feed-parse-worker': resolve(__dirname, 'electron/core/sources/feed/feed-parse-worker.ts'),
          // Large ingest batches are scored in worker threads (analysis-pool.ts loads it by this name).
          'analysis-worker': resolve(__dirname, 'electron/core/pipeline/analysis-worker.ts'),
          // WAL checkpoints off the writer's thread (wal-checkpointer.ts loads it by this name).
          'wal-checkpoint-worker': resolve(__dirname, 'electron/core/store/wal-checkpoint-worker.ts'),
        },
        external: ['better-sqlite3', 'ws', 'zod', 'csv-parse', 'csv-parse/sync', 'electron', 'fast-xml-parser', 'htmlparser2', 'playwright-core', 'undici'],
      },
    },
  },
  preload: {
    resolve: resolveShared,
    build: {
      // electron-vite insists on a node target for preloads; the sandboxed preload only needs
      // syntax that Electron's Chromium runs, which node20 output is.
      target: NODE_TARGET,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    resolve: resolveShared,
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      target: CHROME_TARGET,
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      // Loaded from disk or the LAN, not the internet: one 600 kB bundle is fine.
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
