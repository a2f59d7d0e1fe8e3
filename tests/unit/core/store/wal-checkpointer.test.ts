/**
 * WAL checkpoints in a worker thread: while the checkpointer runs the writer's connection does no
 * automatic checkpoints, yet what it commits reaches the database file; stopped or failed, the
 * writer checkpoints again. Real SQLite files, a real worker thread.
 */
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { DATABASE_FILE, openStore, type Store } from '../../../../electron/core/store/store';
import { WalCheckpointer } from '../../../../electron/core/store/wal-checkpointer';
import { createSource, mentionInput, useTempDirs, waitFor } from '../../../support/core-helpers';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});

const autocheckpoint = (db: Database.Database): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('WAL checkpointer', () => {
  it('copies committed pages into the database file from its own thread, and hands checkpoints back when stopped', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    stores.push(store);
    createSource(store, 'src');
    const checkpointer = WalCheckpointer.start(store.db, createMemoryLogger(), { intervalMs: 20 });
    expect(autocheckpoint(store.db)).toBe(0);
    const dbFile = join(dir, DATABASE_FILE);
    const sizeBefore = statSync(dbFile).size;
    const pipeline = new IngestPipeline(store, createMemoryLogger());
    const now = Date.now();
    for (let b = 0; b < 20; b++) {
      pipeline.ingest(
        'src',
        Array.from({ length: 100 }, (_, i) => mentionInput(`m${b}-${i}`, { text: `post ${b} ${i} `.repeat(20), publishedAt: now - 60_000 + i })),
        String(b),
      );
    }
    // The writer never checkpointed (it may not), so the file grows only through the worker.
    await waitFor('the worker to checkpoint into the database file', () => statSync(dbFile).size > sizeBefore + 500_000, 60_000);
    await checkpointer.stop();
    expect(autocheckpoint(store.db)).toBe(1_000);
    expect(store.mentions.count()).toBe(2_000);
  });

  it('gives checkpoints back to the writer when its worker fails', async () => {
    const file = join(tempDir(), 'gone.db');
    const db = new Database(file);
    // The file is removed under the open connection: the worker cannot open it and fails at once.
    rmSync(file);
    const logger = createMemoryLogger();
    WalCheckpointer.start(db, logger);
    expect(autocheckpoint(db)).toBe(0);
    await waitFor('automatic checkpoints to come back', () => autocheckpoint(db) === 1_000, 60_000);
    expect(logger.lines.some((l) => l.includes('the WAL checkpointer stopped'))).toBe(true);
    db.close();
  });
});
