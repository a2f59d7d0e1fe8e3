/**
 * One Earshot per data folder. SQLite alone would let a second process in and interleave writes
 * from two schedulers; a lock file with the owner's pid gives a clear message instead.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(`Earshot is already running on the data folder ${dataDir} (process ${ownerPid}). Stop it first, or set EARSHOT_DATA_DIR to another folder.`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'earshot.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner !== null && owner.host === hostname() && isAlive(owner.pid)) throw new DataDirLockedError(dataDir, owner.pid);
      if (owner !== null && owner.host !== hostname()) throw new DataDirLockedError(dataDir, owner.pid);
      // The owner died without cleaning up (crash, kill -9): the lock is stale, take it over.
      try {
        unlinkSync(file);
      } catch {
        // Another starter removed it first; the retry decides who wins.
      }
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function readOwner(file: string): { pid: number; host: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host };
  } catch {
    // Half-written or foreign file: treat as stale.
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
