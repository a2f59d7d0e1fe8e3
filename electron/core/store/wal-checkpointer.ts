/**
 * WAL checkpoints off the writer's thread. With SQLite's automatic checkpoints, the COMMIT that
 * pushes the WAL past 1,000 pages copies them into the database file itself, which made COMMIT
 * about a fifth of the ingest thread's time and its longest stalls. While a checkpointer runs, the
 * writer's connection does no automatic checkpoints and a worker thread with its own connection
 * does them (wal-checkpoint-worker.ts). If that worker fails, automatic checkpoints come back.
 *
 * Only long-running writers start one (the app's core, imports, the bench): a process that opens
 * the store briefly keeps SQLite's default.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../base/logger';
import type { Db } from './database';

/** The WAL file's size once it starts over (SQLite keeps it at its largest otherwise). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** SQLite's default wal_autocheckpoint, put back when the checkpointer stops or fails. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1_000;

export interface CheckpointerOptions {
  nativeBinding?: string;
  /** Time between two checkpoints. */
  intervalMs?: number;
  /** A WAL longer than this (pages of 4 KB) is copied and started over at the next gap between writes. */
  restartAbovePages?: number;
}

function workerEntry(): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'wal-checkpoint-worker.ts');
    return { file: `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const file = join(dir, 'wal-checkpoint-worker.js');
    if (existsSync(file)) return { file, eval: false };
  }
  throw new Error(`the checkpointer (wal-checkpoint-worker.js) is missing next to ${__dirname}; rebuild the app`);
}

export class WalCheckpointer {
  private worker: Worker | null;
  private errorLogged = false;

  private constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    worker: Worker,
  ) {
    this.worker = worker;
  }

  /** Starts checkpointing `db`'s file in a worker; the writer's own automatic checkpoints stop. */
  static start(db: Db, logger: Logger, options: CheckpointerOptions = {}): WalCheckpointer {
    const entry = workerEntry();
    const worker = new Worker(entry.file, {
      eval: entry.eval,
      workerData: {
        file: db.name,
        nativeBinding: options.nativeBinding ?? null,
        intervalMs: options.intervalMs ?? 200,
        restartAbovePages: options.restartAbovePages ?? 16_384,
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const checkpointer = new WalCheckpointer(db, logger, worker);
    db.pragma('wal_autocheckpoint = 0');
    // When the WAL starts over after a burst, its file is cut back to this size instead of staying at its largest.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    worker.on('message', (message: { type: 'error'; message: string }) => {
      if (checkpointer.errorLogged) return;
      checkpointer.errorLogged = true;
      logger.warn('a WAL checkpoint failed; retrying', { error: message.message });
    });
    worker.on('error', (error) => checkpointer.fallBack(error));
    worker.on('exit', (code) => {
      if (checkpointer.worker) checkpointer.fallBack(new Error(`the checkpointer stopped (exit code ${code})`));
    });
    return checkpointer;
  }

  /** Stops the worker and gives checkpoints back to the writer; call before closing the store. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Referenced again until it has exited: an unreferenced worker would let the process end mid-await.
    worker.ref();
    worker.postMessage({ type: 'stop' });
    await exited;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }

  private fallBack(error: Error): void {
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    this.logger.warn('the WAL checkpointer stopped; the writer checkpoints again', { error: error.message });
  }
}
