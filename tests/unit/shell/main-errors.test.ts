/** The app shell's start-up failure path over a fake Electron and the real core (see main.test.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));
// Under plain Node the Node build of better-sqlite3 is the right one for this process.
vi.mock('../../../electron/main/native-binding', () => ({
  findNativeBinding: () => join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node'),
  MissingNativeBindingError: class extends Error {},
}));
type Fake = typeof import('./fake-electron');

let dataDir = '';

/**
 * The shell (index.ts starts itself on import) over the fake Electron with one monitor. Once per
 * file: vitest keeps mocked modules across resetModules, so each scenario has a file of its own.
 */
async function startShell(): Promise<Fake> {
  const fake = await import('./fake-electron');
  fake.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  await import('../../../electron/main/index');
  fake.app.makeReady();
  return fake;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-shell-main-'));
  vi.stubEnv('EARSHOT_DATA_DIR', dataDir);
  vi.stubEnv('EARSHOT_DEMO_EPISODE_EVERY', 'off');
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the app shell, when it cannot start', () => {
  it('says plainly when the data folder is in use, and exits with 2', async () => {
    writeFileSync(join(dataDir, 'earshot.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    const fake = await startShell();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(2), { timeout: 10_000 });
    expect(fake.errorBoxes[0]?.message).toContain('already running');
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
  });
});
