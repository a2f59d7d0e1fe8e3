/**
 * Runs the whole app shell (electron/main/index.ts starts itself on import) over the fake
 * Electron and the real core. Each test file must still declare, at its top:
 *   vi.mock('electron', () => import('./fake-electron'));
 *   vi.mock('../../../electron/main/native-binding', () => nodeBuildBinding());
 * (vitest hoists mocks per file), and runs one scenario, since vitest keeps mocked modules
 * across resetModules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

type Fake = typeof import('./fake-electron');

/** Under plain Node the Node build of better-sqlite3 is the right one for this process. */
export function nodeBuildBinding() {
  return {
    findNativeBinding: () => join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'),
    MissingNativeBindingError: class extends Error {},
  };
}

/** A fresh data folder per test, handed to the shell through EARSHOT_DATA_DIR. */
export function useShellDataDir(): () => string {
  let dataDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'earshot-shell-main-'));
    vi.stubEnv('EARSHOT_DATA_DIR', dataDir);
    vi.stubEnv('EARSHOT_DEMO_EPISODE_EVERY', 'off');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => dataDir;
}

/** Starts the shell with one 1080p monitor and makes the app ready. */
export async function startShell(): Promise<Fake> {
  const fake = await import('./fake-electron');
  fake.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  await import('../../../electron/main/index');
  fake.app.makeReady();
  return fake;
}
