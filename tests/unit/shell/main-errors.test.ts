/** The app shell's start-up failure path over a fake Electron and the real core (see main.test.ts). */
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nodeBuildBinding, startShell, useShellDataDir } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('../../../electron/main/native-binding', () => nodeBuildBinding());

const dataDirOf = useShellDataDir();

describe('the app shell, when it cannot start', () => {
  it('says plainly when the data folder is in use, and exits with 2', async () => {
    writeFileSync(join(dataDirOf(), 'earshot.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    const fake = await startShell();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(2), { timeout: 10_000 });
    expect(fake.errorBoxes[0]?.message).toContain('already running');
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
  });
});
