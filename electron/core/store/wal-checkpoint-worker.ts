/**
 * The worker side of WAL checkpointing (see wal-checkpointer.ts): its own connection to the
 * database copies committed WAL frames into the database file every few hundred milliseconds, so
 * the writer's COMMITs never stop to do it. PASSIVE checkpoints never wait for the writer; only
 * when the WAL has grown past the limit (ingest flat out never leaves it fully copied, so it could
 * not start over) does one RESTART checkpoint wait briefly for a gap between batches.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  file: string;
  nativeBinding: string | null;
  intervalMs: number;
  restartAbovePages: number;
}

const job = workerData as Job;
const db = new Database(job.file, { fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
// A RESTART waits this long for the writer at most; a busy answer just means "next time".
db.pragma('busy_timeout = 100');

let timer: NodeJS.Timeout | null = null;
// Messages arrive between two checkpoints (this thread runs one thing at a time): closing is safe.
parentPort?.on('message', (message: { type: 'stop' }) => {
  if (message.type !== 'stop') return;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort?.close();
});

function checkpoint(): void {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (passive && passive.log > job.restartAbovePages) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  timer = setTimeout(checkpoint, job.intervalMs);
}

checkpoint();
