/**
 * End-to-end tests against the built app (`npm test` builds first).
 * - `serve`: real serve-mode processes (tests/e2e) driven through Chromium.
 * - `electron-shell`: the Electron app itself (tests/electron, owned by the shell).
 */
import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/** Playwright's own Chromium when installed, else CHROMIUM_PATH, else Debian's. */
function chromiumExecutable(): string | undefined {
  const playwrightOwn = chromium.executablePath();
  // Undefined means "let Playwright use its own browser"; it is installed, so that is safe.
  if (playwrightOwn && existsSync(playwrightOwn)) return undefined;
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    "No Chromium for the e2e tests. Tried: Playwright's own Chromium (" +
      playwrightOwn +
      '; install with "npx playwright install chromium"), $CHROMIUM_PATH (' +
      (process.env.CHROMIUM_PATH ?? 'not set') +
      '), and /usr/bin/chromium (Debian: "apt-get install chromium").',
  );
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  // Two cores here: one worker per core; each test also runs its own serve process.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'serve',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron-shell',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
