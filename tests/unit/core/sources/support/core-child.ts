/**
 * The real core in a child process, for the kill -9 tests: `node --import tsx core-child.ts` with
 * CHILD_DATA_DIR (and CHILD_WEBHOOK_PORT). Prints CHILD_READY once started; stops cleanly on SIGTERM.
 */
import { createMemoryLogger } from '../../../../../electron/core/base/logger';
import { startCore } from '../../../../../electron/core/app/start-core';

async function main(): Promise<void> {
  const dataDir = process.env.CHILD_DATA_DIR;
  if (!dataDir) throw new Error('CHILD_DATA_DIR is not set');
  const core = await startCore({
    dataDir,
    version: 'crash-test',
    logger: createMemoryLogger(),
    demo: { enabled: false },
    webhook: { host: '127.0.0.1', port: Number(process.env.CHILD_WEBHOOK_PORT ?? 0) },
  });
  process.on('SIGTERM', () => {
    void core.stop().then(() => process.exit(0));
  });
  process.stdout.write('CHILD_READY\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`core-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
