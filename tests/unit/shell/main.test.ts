/**
 * The whole app shell (electron/main/index.ts) over a fake Electron and the real core: start-up,
 * the default layout, the frame pipe end to end, and an orderly quit. Real windows, real IPC and
 * real monitors are covered by tests/electron where the Electron binary exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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

describe('the app shell', () => {
  it('starts the core, opens the Overview, speaks frames with the page and stops the core on quit', async () => {
    const fake = await startShell();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 10_000 });
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(fake.app.sandboxed).toBe(true);
    expect(existsSync(join(dataDir, 'earshot.lock'))).toBe(true);

    const win = fake.FakeBrowserWindow.all[0]!;
    const [file, hash] = win.loads[0]!.split('#');
    expect(hash).toBe('/overview');
    const contents = win.webContents;
    contents.load(`file://${file}#/overview`);
    const hello = JSON.parse(contents.sent[0] ?? '{}') as { t?: string; dataDir?: string };
    expect(hello).toMatchObject({ t: 'hello', dataDir });

    fake.ipcMain.emit('earshot:frame', { sender: contents, senderFrame: contents.mainFrame }, JSON.stringify({ t: 'req', id: 7, method: 'health.get', params: {} }));
    await vi.waitFor(() => expect(contents.sent.some((frame) => frame.includes('"id":7'))).toBe(true));
    const answer = JSON.parse(contents.sent.find((frame) => frame.includes('"id":7'))!) as { ok: boolean; result: { dataDir: string } };
    expect(answer).toMatchObject({ ok: true, result: { dataDir } });

    // Remote content is refused, our own files are not.
    const decide = (url: string) =>
      new Promise<boolean>((resolve) => fake.session.defaultSession.beforeRequest!({ url, resourceType: 'script' }, ({ cancel }) => resolve(cancel)));
    expect(await decide('https://example.com/x.js')).toBe(true);
    expect(await decide(`file://${dirname(file!)}/assets/app.js`)).toBe(false);

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 10_000 });
    expect(existsSync(join(dataDir, 'earshot.lock'))).toBe(false);
  });
});
