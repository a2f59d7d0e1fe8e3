/**
 * Opens the store: WAL, pragmas, migrations. Everything else talks to SQLite through the
 * query modules in `queries/`, which prepare their statements once.
 */
import { ensurePrivateDir, ensurePrivateFile } from '../base/private-files';
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

export type Db = Database.Database;

export class StoreVersionError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database ${file} was written by a newer Earshot (schema ${found}; this version knows up to ${known}). Update Earshot or use another data folder.`,
    );
    this.name = 'StoreVersionError';
  }
}

export interface OpenOptions {
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (!options.readonly) {
    ensurePrivateDir(dirname(file));
    // Created 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
    ensurePrivateFile(file);
  }
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    // Refuse a newer schema before any pragma that writes, so the file is left exactly as it was.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new StoreVersionError(file, version, LATEST_VERSION);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // Must be set on the connection that switched to WAL, where it would otherwise stay FULL.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    if (!options.readonly) migrate(db, file, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function migrate(db: Db, file: string, migrations: readonly Migration[]): number {
  // Versions only go up. A gap is allowed: numbers are reserved per area while areas are built
  // side by side, and a branch may carry 012 before 010 and 011 are merged beside it.
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) throw new Error(`migration ${m.name} has version ${m.version}, expected more than ${previous}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > latest) throw new StoreVersionError(file, current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return latest;
}

/** A consistent copy of the whole database in one statement, even while another process writes it (WAL). */
export function vacuumInto(db: Db, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

/** Brings a copy to this version's schema as a plain, non-WAL file that opens read-only without -wal or -shm files. */
export function migrateCopy(file: string): void {
  const db = openDatabase(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
