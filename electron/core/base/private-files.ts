/**
 * The data folder holds everything the war room saw and every token it keeps: the folder is 0700
 * and each file in it 0600 (database, WAL and shared-memory files, secrets, lock, exports,
 * bundles, workspaces), so other users of the machine read nothing. Folders made by an older
 * version are tightened at start. Writes of finished files (exports) go to a temporary file that
 * is renamed into place, so a full disk never leaves a 0-byte or half-written export behind.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';
/** Deep enough for workspaces/<id>/earshot.db; the data folder holds nothing deeper of ours. */
const MAX_DEPTH = 3;

/** Creates a folder (and its parents) readable only by the user; tightens it if it exists. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Sets 0700 on the folder and every folder in it, 0600 on every file, down to a few levels.
 * Symbolic links are left alone (their targets are not ours to change), and so are the names in
 * `leave`: a secrets file others could read is refused by the secret store with a message telling
 * the user to check who read it and change the tokens; fixing its mode silently would hide that.
 * Returns how many modes were changed, for the start-up log.
 */
export function tightenDataDir(dataDir: string, leave: ReadonlySet<string> = new Set()): number {
  if (!POSIX) return 0;
  let changed = 0;
  const visit = (path: string, depth: number): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // Gone meanwhile (a WAL checkpointed away).
    }
    if (stat.isSymbolicLink() || leave.has(basename(path))) return;
    const want = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((stat.mode & 0o777) !== want) {
      chmodSync(path, want);
      changed++;
    }
    if (stat.isDirectory() && depth < MAX_DEPTH) for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
  };
  visit(dataDir, 0);
  return changed;
}

/** Creates an empty file with mode 0600 if none exists (SQLite's -wal and -shm take the database file's mode). */
export function ensurePrivateFile(file: string): void {
  if (existsSync(file)) {
    if (POSIX) chmodSync(file, PRIVATE_FILE_MODE);
    return;
  }
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/**
 * Writes `body` to `path` (which must not exist) through a temporary file in the same folder,
 * flushed and renamed into place: readers see the whole file or none. On any failure (ENOSPC,
 * EDQUOT) the temporary file is removed and the error thrown as it was.
 */
export function writePrivateFileAtomic(path: string, body: Uint8Array | string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    let offset = 0;
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (existsSync(path)) throw Object.assign(new Error(`${path} already exists`), { code: 'EEXIST' });
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // Closing a descriptor on a full disk can fail too; the unlink below still runs.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already gone.
    }
    throw error;
  }
}

/** Whether an error means the disk (or the user's quota) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}
