import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../../../electron/core/app/data-dir-lock';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const lockFile = (dir: string) => join(dir, 'earshot.lock');
const owner = (dir: string) => JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; host: string; since: number };

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(child.status).toBe(0);
  expect(child.pid).toBeGreaterThan(0);
  let alive = true;
  try {
    process.kill(child.pid!, 0);
  } catch {
    alive = false;
  }
  expect(alive, `pid ${child.pid} should be gone`).toBe(false);
  return child.pid!;
}

describe('lockDataDir', () => {
  it('writes a lock file with our pid and host, and removes it on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(owner(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    lock.release(); // twice is harmless
    // Free again: it can be taken at once.
    lockDataDir(dir).release();
  });

  it('refuses a second lock on the same folder in the same process with DataDirLockedError naming the folder', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    try {
      let error: unknown;
      try {
        lockDataDir(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as DataDirLockedError).dataDir).toBe(dir);
      expect((error as DataDirLockedError).ownerPid).toBe(process.pid);
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toContain(String(process.pid));
      // The failed attempt left the owner's lock alone.
      expect(owner(dir).pid).toBe(process.pid);
    } finally {
      lock.release();
    }
  });

  it('takes over a lock left behind by a process that died', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeFileSync(lockFile(dir), JSON.stringify({ pid, host: hostname(), since: Date.now() - 60_000 }));
    const lock = lockDataDir(dir);
    expect(owner(dir).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a half-written lock file', () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), '{"pid": 12');
    const lock = lockDataDir(dir);
    expect(owner(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('does not take over a lock held from another machine, whose process it cannot check', () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: 4242, host: `not-${hostname()}`, since: Date.now() }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(owner(dir).pid).toBe(4242);
  });
});
