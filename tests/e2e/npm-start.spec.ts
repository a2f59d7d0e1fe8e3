/**
 * A new user's path, verbatim: in a fresh copy of the project (no out/ folder, so the build runs
 * from nothing) `npm start` builds and serves, and `/api/health` answers. Where no Electron binary
 * is installed (offline installs, CI) `npm start` must fall back to serve mode by itself; where one
 * is installed it would open a window, so the test asks for serve mode with EARSHOT_SERVE=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, TEST_DEMO_ENV } from './support/serve-process';

const READY_PREFIX = 'EARSHOT_READY ';
const LEFT_OUT = new Set(['node_modules', 'out', 'dist', '.git', '.native', 'test-results', 'playwright-report']);

function electronBinaryInstalled(): boolean {
  try {
    const path = createRequire(join(PROJECT_ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

test('`npm start` in a fresh copy builds from nothing, serves, and /api/health answers', async ({ page }) => {
  test.setTimeout(120_000);
  const copy = mkdtempSync(join(tmpdir(), 'earshot-fresh-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-fresh-data-'));
  cpSync(PROJECT_ROOT, copy, { recursive: true, filter: (source) => !LEFT_OUT.has(source.slice(PROJECT_ROOT.length + 1).split(/[\\/]/)[0] ?? '') });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  expect(existsSync(join(copy, 'out'))).toBe(false);

  const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_DEMO_ENV, EARSHOT_DATA_DIR: dataDir, EARSHOT_PORT: '0', EARSHOT_WEBHOOK_PORT: '0' };
  delete env.EARSHOT_SERVE;
  if (electronBinaryInstalled()) {
    console.log('An Electron binary is installed here: `npm start` would open a window, so this run asks for serve mode (EARSHOT_SERVE=1).');
    env.EARSHOT_SERVE = '1';
  }
  const child = spawn('npm', ['start'], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    await expect
      .poll(() => output.includes(READY_PREFIX) || child.exitCode !== null, { timeout: 90_000, message: 'npm start never printed its ready line' })
      .toBe(true);
    const line = output.split('\n').find((candidate) => candidate.startsWith(READY_PREFIX));
    expect(line, `npm start exited before it was ready:\n${output}`).toBeDefined();
    const { url } = JSON.parse(line!.slice(READY_PREFIX.length)) as { url: string };
    // The build really ran in the copy, and serve mode (not a leftover) is what answers.
    expect(existsSync(join(copy, 'out/main/serve.js'))).toBe(true);
    expect(existsSync(join(copy, 'out/renderer/index.html'))).toBe(true);
    if (env.EARSHOT_SERVE === undefined) expect(output).toContain('No Electron binary is installed');

    const health = await page.request.get(new URL('/api/health', url).toString());
    expect(health.status()).toBe(200);
    const body = (await health.json()) as { status?: string };
    expect(body.status).toBe('ok');

    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Earshot/);
  } finally {
    stopGroup(child, 'SIGTERM');
    const timer = setTimeout(() => stopGroup(child, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    rmSync(copy, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
});
