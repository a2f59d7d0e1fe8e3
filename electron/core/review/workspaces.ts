/**
 * Workspaces: the live war room plus read-only copies of other records (another Earshot data
 * folder, an imported incident bundle). A copy lives in `<data>/workspaces/<id>/earshot.db`, is
 * migrated to this version's schema once, then opened with `readonly: true`, so nothing a review
 * does can change it. The open list is kept in settings and re-opened at start.
 */
import { ensurePrivateDir, tightenDataDir } from '../base/private-files';
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { LIVE_WORKSPACE, type WorkspaceInfo, type WorkspaceKind } from '@shared/domain/review';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import { migrateCopy, openDatabase, StoreVersionError, vacuumInto } from '../store/database';
import { createStore, DATABASE_FILE, type Store } from '../store/store';

const SETTINGS_KEY = 'review.workspaces';
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface Entry {
  id: string;
  kind: Exclude<WorkspaceKind, 'live'>;
  name: string;
  origin: string;
  openedAt: number;
  checksum: string | null;
}

interface Open extends Entry {
  store: Store;
  figures?: { earliest: number | null; latest: number | null; mentions: number };
}

export class Workspaces {
  /** Where new workspace folders go: <data>/workspaces. */
  readonly root: string;
  private readonly open = new Map<string, Open>();
  private readonly dataDir: string;

  constructor(
    private readonly live: Store,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.dataDir = dirname(resolve(live.db.name));
    this.root = join(this.dataDir, 'workspaces');
  }

  /** Re-opens the workspaces open when the core last stopped; one that is gone is dropped with a log line. */
  restore(): void {
    const saved = this.live.settings.get(SETTINGS_KEY);
    if (!Array.isArray(saved)) return;
    for (const raw of saved as Entry[]) {
      if (!raw || typeof raw.id !== 'string' || !ID_PATTERN.test(raw.id) || this.open.has(raw.id)) continue;
      try {
        const store = openReadOnly(join(this.root, raw.id, DATABASE_FILE));
        this.open.set(raw.id, { ...raw, store });
      } catch (error) {
        this.logger.warn('a saved workspace could not be re-opened; it is dropped', { id: raw.id, error: String(error) });
      }
    }
    this.persist();
  }

  /** The store for a workspace id ('live' = services.store); throws ApiError('not-found') for an unknown id. */
  storeFor(id: string): Store {
    if (id === LIVE_WORKSPACE) return this.live;
    const ws = this.open.get(id);
    if (!ws) throw new ApiError('not-found', `no open workspace "${id}"`);
    return ws.store;
  }

  /** Throws ApiError('conflict', '… is a read-only workspace') unless id is 'live'. */
  assertWritable(id: string): void {
    if (id === LIVE_WORKSPACE) return;
    const ws = this.open.get(id);
    if (!ws) throw new ApiError('not-found', `no open workspace "${id}"`);
    throw new ApiError('conflict', `"${ws.name}" is a read-only workspace: it cannot be changed`);
  }

  info(id: string): WorkspaceInfo {
    if (id === LIVE_WORKSPACE) {
      // The live record grows: its span from the heard index, its size from the running counter.
      const span = this.live.record.heardSpan();
      return { id, kind: 'live', name: 'Live', readOnly: false, origin: null, openedAt: 0, checksum: null, ...span, mentions: this.live.mentions.count() };
    }
    const ws = this.open.get(id);
    if (!ws) throw new ApiError('not-found', `no open workspace "${id}"`);
    // A read-only copy never changes: count it once.
    ws.figures ??= {
      ...ws.store.record.heardSpan(),
      mentions: ws.store.record.rowCount('mentions'),
    };
    return { id, kind: ws.kind, name: ws.name, readOnly: true, origin: ws.origin, openedAt: ws.openedAt, checksum: ws.checksum, ...ws.figures };
  }

  list(): WorkspaceInfo[] {
    return [LIVE_WORKSPACE, ...this.open.keys()].map((id) => this.info(id));
  }

  /** Copies the folder's earshot.db into <data>/workspaces/<new id>/ (migrating the copy), opens it read-only. */
  openFolder(path: string, options: { name?: string } = {}): WorkspaceInfo {
    const folder = resolve(path);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ApiError('bad-params', `${folder} is not a folder`);
    const real = realpathSync(folder);
    if (real === realpathSync(this.dataDir)) throw new ApiError('bad-params', `${folder} is this Earshot's own data folder: it is already the live workspace`);
    if ((real + sep).startsWith(join(realpathSync(this.dataDir), 'workspaces') + sep))
      throw new ApiError('bad-params', `${folder} is one of this Earshot's workspace copies`);
    const source = join(folder, DATABASE_FILE);
    if (!existsSync(source)) throw new ApiError('bad-params', `${folder} holds no ${DATABASE_FILE}: it is not an Earshot data folder`);
    const id = this.newId('folder');
    const target = join(this.root, id);
    ensurePrivateDir(target);
    try {
      let src;
      try {
        src = openDatabase(source, { readonly: true });
      } catch (error) {
        if (error instanceof StoreVersionError)
          throw new ApiError(
            'bad-params',
            `${source} was written by a newer Earshot (schema ${error.found}; this version knows up to ${error.known}): update Earshot to review it`,
          );
        throw new ApiError('bad-params', `${source} could not be read as an Earshot database: ${(error as Error).message}`);
      }
      try {
        // A consistent copy in one statement, even while another Earshot writes the original (WAL).
        vacuumInto(src, join(target, DATABASE_FILE));
      } finally {
        src.close();
      }
      const store = prepareAndOpen(join(target, DATABASE_FILE));
      // VACUUM INTO creates the copy with the process's umask: it is as private as the original's folder.
      tightenDataDir(target);
      const entry: Open = {
        id,
        kind: 'folder',
        name: options.name ?? (basename(folder) || folder),
        origin: folder,
        openedAt: this.now(),
        checksum: null,
        store,
      };
      this.open.set(id, entry);
    } catch (error) {
      rmSync(target, { recursive: true, force: true });
      throw error;
    }
    this.changed();
    this.logger.info('workspace opened', { id, origin: folder });
    return this.info(id);
  }

  /** Registers an already-built workspace folder under <data>/workspaces/<id>/ (bundles build one), read-only. */
  adopt(folder: string, options: { kind: 'bundle'; name: string; origin: string; checksum: string }): WorkspaceInfo {
    const from = resolve(folder);
    if (!existsSync(join(from, DATABASE_FILE))) throw new ApiError('bad-params', `${from} holds no ${DATABASE_FILE}`);
    const own = basename(from);
    const id = dirname(from) === this.root && ID_PATTERN.test(own) && own !== LIVE_WORKSPACE && !this.open.has(own) ? own : this.newId(options.kind);
    const target = join(this.root, id);
    if (target !== from) {
      ensurePrivateDir(this.root);
      renameSync(from, target);
    }
    tightenDataDir(target);
    // The bundle's writer already put its own alert versions in place of the ones its triggers made.
    const store = prepareAndOpen(join(target, DATABASE_FILE));
    this.open.set(id, { id, kind: options.kind, name: options.name, origin: options.origin, openedAt: this.now(), checksum: options.checksum, store });
    this.changed();
    this.logger.info('workspace adopted', { id, origin: options.origin });
    return this.info(id);
  }

  close(id: string): void {
    if (id === LIVE_WORKSPACE) throw new ApiError('bad-params', 'the live workspace cannot be closed');
    const ws = this.open.get(id);
    if (!ws) throw new ApiError('not-found', `no open workspace "${id}"`);
    ws.store.close();
    this.open.delete(id);
    rmSync(join(this.root, id), { recursive: true, force: true });
    this.changed();
  }

  /** At core stop: closes every workspace's database; the list stays saved for the next start. */
  closeAll(): void {
    for (const ws of this.open.values()) ws.store.close();
    this.open.clear();
  }

  private newId(prefix: string): string {
    for (;;) {
      const id = `${prefix}-${randomBytes(4).toString('hex')}`;
      if (!this.open.has(id) && !existsSync(join(this.root, id))) return id;
    }
  }

  private persist(): void {
    const entries: Entry[] = [...this.open.values()].map(({ store: _store, figures: _figures, ...entry }) => entry);
    this.live.settings.set(SETTINGS_KEY, entries);
  }

  private changed(): void {
    this.persist();
    this.hub.publish('review.workspaces.changed', { workspaces: this.list() });
  }
}

/** Brings a copy to this version's schema (a plain, non-WAL file), then opens it read-only. */
function prepareAndOpen(file: string): Store {
  migrateCopy(file);
  return openReadOnly(file);
}

function openReadOnly(file: string): Store {
  if (!existsSync(file)) throw new Error(`${file} is missing`);
  return createStore(openDatabase(file, { readonly: true }));
}
