/**
 * `test` with a fresh serve-mode process per test: its own temp data folder and free port;
 * `baseURL` points at it, so `page.goto('/#/overview')` opens that process's wall, signed in as
 * the owner the harness created on first start.
 */
import { test as base } from '@playwright/test';
import { makeDataDir, removeDataDir, startServe, type ServeProcess } from './serve-process';

export interface ServeFixtures {
  /**
   * Hosts added to the outbound allowlist at start (EARSHOT_OUTBOUND_ALLOW, the admin's Settings →
   * Outbound list): a spec that runs local platform servers on 127.0.0.1 sets `test.use({ outboundAllow: ['127.0.0.1'] })`.
   */
  outboundAllow: string[];
  dataDir: string;
  serve: ServeProcess;
}

export const test = base.extend<ServeFixtures>({
  outboundAllow: [[], { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  dataDir: async ({}, use) => {
    const dataDir = await makeDataDir();
    await use(dataDir);
    await removeDataDir(dataDir);
  },
  serve: async ({ dataDir, outboundAllow }, use, testInfo) => {
    const serve = await startServe({ dataDir, ...(outboundAllow.length > 0 ? { env: { EARSHOT_OUTBOUND_ALLOW: outboundAllow.join(',') } } : {}) });
    try {
      await use(serve);
    } finally {
      const exit = await serve.stop();
      await testInfo.attach('serve-output.txt', { body: `${serve.output()}\n[exit: ${JSON.stringify(exit)}]\n`, contentType: 'text/plain' });
    }
  },
  baseURL: async ({ serve }, use) => {
    await use(serve.url);
  },
  // Pages open signed in as the owner, with the cookie the hub set when the owner was created.
  storageState: async ({ serve }, use) => {
    await use(serve.owner.storageState);
  },
});

export { expect } from '@playwright/test';
