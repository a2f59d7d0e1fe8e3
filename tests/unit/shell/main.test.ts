/**
 * The whole app shell (electron/main/index.ts) over a fake Electron and the real core: start-up,
 * the default layout, the frame pipe end to end, and an orderly quit. Real windows, real IPC and
 * real monitors are covered by tests/electron where the Electron binary exists.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nodeBuildBinding, startShell, useShellDataDir } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('../../../electron/main/native-binding', () => nodeBuildBinding());

const dataDirOf = useShellDataDir();

describe('the app shell', () => {
  it('starts the core, opens the Overview, speaks frames with the page and stops the core on quit', async () => {
    const fake = await startShell();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 10_000 });
    expect(fake.app.getPath('userData')).toBe(dataDirOf());
    expect(fake.app.sandboxed).toBe(true);
    expect(existsSync(join(dataDirOf(), 'earshot.lock'))).toBe(true);

    const win = fake.FakeBrowserWindow.all[0]!;
    const [file, hash] = win.loads[0]!.split('#');
    expect(hash).toBe('/overview');
    const contents = win.webContents;
    contents.load(`file://${file}#/overview`);
    const hello = JSON.parse(contents.sent[0] ?? '{}') as { t?: string; dataDir?: string };
    expect(hello).toMatchObject({ t: 'hello', dataDir: dataDirOf() });

    fake.ipcMain.emit(
      'earshot:frame',
      { sender: contents, senderFrame: contents.mainFrame },
      JSON.stringify({ t: 'req', id: 7, method: 'health.get', params: {} }),
    );
    await vi.waitFor(() => expect(contents.sent.some((frame) => frame.includes('"id":7'))).toBe(true));
    const answer = JSON.parse(contents.sent.find((frame) => frame.includes('"id":7'))!) as { ok: boolean; result: { dataDir: string } };
    expect(answer).toMatchObject({ ok: true, result: { dataDir: dataDirOf() } });

    // Remote content is refused, our own files are not.
    const decide = (url: string) =>
      new Promise<boolean>((resolve) => fake.session.defaultSession.beforeRequest!({ url, resourceType: 'script' }, ({ cancel }) => resolve(cancel)));
    expect(await decide('https://example.com/x.js')).toBe(true);
    expect(await decide(`file://${dirname(file!)}/assets/app.js`)).toBe(false);

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 10_000 });
    expect(existsSync(join(dataDirOf(), 'earshot.lock'))).toBe(false);
  });
});
