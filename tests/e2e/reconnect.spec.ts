/**
 * Walls run unattended: when the core dies and comes back on the same folder and port, the page
 * must notice, and then heal by itself without a reload.
 */
import { expect, test } from './support/fixtures';
import { OverviewWall } from './support/pages';
import { startServe } from './support/serve-process';

test('the wall shows a lost core and reconnects when it is back', async ({ page, serve }) => {
  test.setTimeout(120_000);
  const wall = new OverviewWall(page);
  await wall.open();
  await expect(wall.connectionStatus).toHaveAttribute('data-state', 'open');

  await serve.kill();
  await expect(wall.connectionStatus).not.toHaveAttribute('data-state', 'open', { timeout: 15_000 });

  // SIGKILL left its lock file behind: the new process must take over the stale lock.
  const revived = await startServe({ dataDir: serve.dataDir, port: serve.port });
  try {
    await expect(wall.connectionStatus).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    // Data flows again on the same page: fresh mentions reach the ticker.
    const newest = await wall.newestMentionId();
    await expect.poll(() => wall.newestMentionId(), { timeout: 30_000 }).not.toBe(newest);
  } finally {
    await revived.stop();
  }
});
