/**
 * Calls that name a file or folder on the hub (imports, bundles, another data folder). A remote
 * session must not read the hub's files by naming them (`/etc/passwd` as an import), so only the
 * local owner (the hub's own window, the CLI) may name a path, and only inside the folders the
 * owner allowed; everyone else uploads the file and names the upload (`upload:<id>`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import type { Caller } from '@shared/contract/access';
import { ApiError } from '../api/api-error';

export const UPLOAD_PREFIX = 'upload:';
export const UPLOADS_FOLDER = 'uploads';

export class ServerPaths {
  private readonly roots: string[];

  constructor(
    private readonly dataDir: string,
    allowedFolders: readonly string[],
  ) {
    this.roots = [...allowedFolders, dataDir].map((folder) => canonical(resolve(folder)));
  }

  get allowedFolders(): readonly string[] {
    return this.roots;
  }

  /** Where an upload is streamed to: its own folder, so the original file name can be kept. */
  newUpload(fileName: string): { id: string; file: string } {
    const id = randomBytes(16).toString('hex');
    const folder = join(this.dataDir, UPLOADS_FOLDER, id);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return { id, file: join(folder, safeFileName(fileName)) };
  }

  /** The file a call may use, or an ApiError saying why not. `what` names the call and parameter. */
  file(caller: Caller, raw: string, what: string): string {
    if (raw.startsWith(UPLOAD_PREFIX)) return this.upload(raw.slice(UPLOAD_PREFIX.length), what);
    return this.ownerPath(caller, raw, what);
  }

  /** A folder (another data folder): never an upload. */
  folder(caller: Caller, raw: string, what: string): string {
    if (raw.startsWith(UPLOAD_PREFIX))
      throw new ApiError('bad-params', `${what}: a folder cannot be uploaded; export a bundle from that data folder and upload the bundle instead`);
    return this.ownerPath(caller, raw, what);
  }

  private ownerPath(caller: Caller, raw: string, what: string): string {
    if (caller.kind !== 'local-owner') {
      throw new ApiError('forbidden', `${what} names a path on the hub; only the hub's own window may do that. Upload the file instead`);
    }
    if (!isAbsolute(raw)) throw new ApiError('bad-params', `${what}: give an absolute path`);
    const full = canonical(resolve(raw));
    if (!this.roots.some((root) => within(root, full))) {
      throw new ApiError('forbidden', `${what}: ${full} is outside the folders the owner allowed (EARSHOT_ALLOWED_FOLDERS: ${this.roots.join(', ')})`);
    }
    return full;
  }

  private upload(id: string, what: string): string {
    if (!/^[0-9a-f]{32}$/.test(id)) throw new ApiError('bad-params', `${what}: not an upload id`);
    const folder = join(this.dataDir, UPLOADS_FOLDER, id);
    const files = existsSync(folder) ? readdirSync(folder) : [];
    if (files.length !== 1) throw new ApiError('not-found', `${what}: no upload ${id}`);
    return join(folder, files[0]!);
  }
}

/** Symbolic links resolved (a link inside an allowed folder must not lead out of it); missing files keep their parent's. */
function canonical(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(canonical(parent), basename(path));
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(`..${sep}`));
}

/** The upload's own name, reduced to something safe to create (no folders, no dot files). */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return base === '' ? 'upload' : base;
}
