/**
 * The Electron app shell, launched for real (`electron .` on the built `out/`). These tests need
 * the Electron binary and the Electron build of better-sqlite3 (`npm run build:native-electron`);
 * where either is missing they are skipped, loudly.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { WindowLayout } from '@shared/domain/layout';
import { makeDataDir, PROJECT_ROOT, removeDataDir, TEST_DEMO_ENV } from '../e2e/support/serve-process';

/** The electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinary(): string | null {
  try {
    // The optional electron package may be absent: a static import would fail the whole file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function nativeBindingFor(binary: string | null): string | null {
  if (!binary) return null;
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  const file = join(PROJECT_ROOT, '.native', `electron-${version}`, 'better_sqlite3.node');
  return existsSync(file) ? file : null;
}

const binary = electronBinary();
const skipReason = !binary
  ? 'Electron binary not installed here: shell tests skipped'
  : !nativeBindingFor(binary)
    ? 'No Electron build of better-sqlite3 (npm run build:native-electron): shell tests skipped'
    : null;
if (!binary) console.log('Electron shell tests SKIPPED: no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD or offline)');
else if (skipReason) console.log('Electron shell tests SKIPPED: no Electron build of better-sqlite3 (run npm run build:native-electron)');
test.skip(skipReason !== null, skipReason ?? '');

/** Chromium refuses to run as root with its sandbox (containers, CI). Windows stay sandboxed in Electron's sense. */
const CHROMIUM_ARGS = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const APP_ARGS = [...CHROMIUM_ARGS, '.'];
const OUR_PAGE = /\/out\/renderer\/index\.html#\/overview$/;

function appEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, ...TEST_DEMO_ENV, EARSHOT_DATA_DIR: dataDir };
}

function launch(dataDir: string): Promise<ElectronApplication> {
  return electron.launch({ args: APP_ARGS, cwd: PROJECT_ROOT, env: appEnv(dataDir), timeout: 60_000 });
}

async function readyWall(app: ElectronApplication): Promise<Page> {
  const page = await app.firstWindow();
  await expect(page).toHaveURL(OUR_PAGE);
  // The renderer sets this once the first snapshot is on screen.
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  return page;
}

/** The saved layout, asked through the page's own frame pipe (the same path the renderer uses). */
function savedLayout(page: Page): Promise<WindowLayout> {
  return page.evaluate(
    (id) =>
      new Promise<WindowLayout>((resolve, reject) => {
        type Bridge = { send(frame: string): void; onFrame(listener: (frame: string) => void): () => void };
        const bridge = (globalThis as unknown as { earshotBridge: Bridge }).earshotBridge;
        const off = bridge.onFrame((raw) => {
          const frame = JSON.parse(raw) as { t: string; id?: number; ok?: boolean; result?: { layout: WindowLayout }; error?: unknown };
          if (frame.t !== 'res' || frame.id !== id) return;
          off();
          if (frame.ok && frame.result) resolve(frame.result.layout);
          else reject(new Error(JSON.stringify(frame.error)));
        });
        bridge.send(JSON.stringify({ t: 'req', id, method: 'layout.get', params: {} }));
      }),
    900_000 + Math.floor(Math.random() * 1000),
  );
}

function firstWindowBounds(app: ElectronApplication): Promise<{ x: number; y: number; width: number; height: number }> {
  return app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) throw new Error('no window');
    return win.getBounds();
  });
}

let dataDir = '';
test.beforeEach(async () => {
  dataDir = await makeDataDir();
});
test.afterEach(async () => {
  await removeDataDir(dataDir);
});

test('opens the Overview wall, connected to the core', async () => {
  const app = await launch(dataDir);
  try {
    const page = await readyWall(app);
    expect(app.windows()).toHaveLength(1);
    // Dark from the first frame: no white flash on a wall.
    const background = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBackgroundColor());
    expect(background?.toLowerCase()).toBe('#0b0f14');
    expect((await savedLayout(page)).version).toBe(1);
  } finally {
    await app.close();
  }
});

test('the page gets no Node, and a bridge with only send and onFrame', async () => {
  const app = await launch(dataDir);
  try {
    const page = await readyWall(app);
    const seen = await page.evaluate(() => {
      const global = globalThis as unknown as Record<string, unknown>;
      const bridge = global.earshotBridge as Record<string, unknown>;
      let refusal = '';
      try {
        (bridge.send as (frame: unknown) => void)(42);
      } catch (error) {
        refusal = String(error);
      }
      return { require: typeof global.require, process: typeof global.process, module: typeof global.module, bridge: Object.keys(bridge).sort(), refusal };
    });
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      bridge: ['onFrame', 'send'],
      refusal: expect.stringContaining('string'),
    });
  } finally {
    await app.close();
  }
});

test('the page cannot navigate away, open windows or load remote content', async () => {
  const app = await launch(dataDir);
  try {
    const page = await readyWall(app);
    const remote = await page.evaluate(async () => {
      const global = globalThis as unknown as { open(url: string): unknown; fetch(url: string): Promise<unknown> };
      const opened = global.open('about:blank');
      const fetched = await global.fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      );
      return { opened: opened === null, fetched };
    });
    expect(remote).toEqual({ opened: true, fetched: 'blocked' });

    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    // Give a navigation that was not blocked every chance to commit before looking.
    await page.waitForTimeout(1_000);
    await expect(page).toHaveURL(OUR_PAGE);
    await expect(page.locator('body[data-earshot-ready="true"]')).toBeAttached();
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('the window layout is saved and restored on the next launch', async () => {
  const first = await launch(dataDir);
  let saved: { x: number; y: number; width: number; height: number };
  try {
    const page = await readyWall(first);
    // Moves made through the menu's "Save Current Window Layout" are saved at once.
    await first.evaluate(({ BrowserWindow, Menu }) => {
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 30, width: 900, height: 640 });
      const items = Menu.getApplicationMenu()?.items.flatMap((item) => item.submenu?.items ?? []) ?? [];
      items.find((item) => item.label === 'Save Current Window Layout')?.click();
    });
    await expect.poll(async () => (await savedLayout(page)).windows[0]?.bounds?.width).toBe(900);

    // Plain moves are saved too, once the window has settled (each attempt moves a little further).
    let attempt = 0;
    await expect
      .poll(
        async () => {
          attempt += 1;
          const width = 800 + attempt * 10;
          await first.evaluate(({ BrowserWindow }, w) => BrowserWindow.getAllWindows()[0]?.setBounds({ x: 60, y: 50, width: w, height: 600 }), width);
          await page.waitForTimeout(800);
          return (await savedLayout(page)).windows[0]?.bounds?.width === width;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    saved = await firstWindowBounds(first);
  } finally {
    await first.close();
  }

  const second = await launch(dataDir);
  try {
    await readyWall(second);
    const restored = await firstWindowBounds(second);
    // A window manager may shift a window by its decorations; the size is exact.
    expect(restored.width).toBe(saved.width);
    expect(restored.height).toBe(saved.height);
    expect(Math.abs(restored.x - saved.x)).toBeLessThanOrEqual(40);
    expect(Math.abs(restored.y - saved.y)).toBeLessThanOrEqual(40);
  } finally {
    await second.close();
  }
});

test('a second launch on the same data folder leaves the first one running', async () => {
  const app = await launch(dataDir);
  try {
    const page = await readyWall(app);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const child = spawn(binary!, APP_ARGS, { cwd: PROJECT_ROOT, env: appEnv(dataDir), stdio: 'ignore' });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the second instance did not exit within 20 s'));
      }, 20_000);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.windows()).toHaveLength(1);
    await expect(page.locator('body[data-earshot-ready="true"]')).toBeAttached();
  } finally {
    await app.close();
  }
});
