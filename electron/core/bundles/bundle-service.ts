/**
 * Incident bundles: export a scope of the record (an incident, or a period and topic) of any
 * workspace to `<data>/exports/<name>.earshot-bundle`; verify a bundle file; import one as a new
 * read-only workspace. An import builds its workspace in a fresh, migrated database of its own
 * under `workspaces.root` and then hands it to `Workspaces.adopt`; the live database is never
 * written (beyond the workspace list Workspaces keeps in its settings).
 */
import { ensurePrivateDir, writePrivateFileAtomic } from '../base/private-files';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  BUNDLE_EXTENSION,
  BUNDLE_FORMAT,
  BUNDLE_KINDS,
  BUNDLE_VERSION,
  type BundleBody,
  type BundleContents,
  type BundleCounts,
  type BundleDocument,
  type BundleScope,
  type BundleSummary,
} from '@shared/contract/bundle-schema';
import type { WorkspaceInfo } from '@shared/domain/review';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { Workspaces } from '../review/workspaces';
import { DATABASE_FILE, openStore, type Store } from '../store/store';
import { bundleReader, writeBundleRows } from '../store/queries/bundles';
import { extractTerms } from '../understanding/terms';
import { DEFAULT_BUNDLE_LIMITS, encodeBundle, readBundleFile, type BundleLimits } from './bundle-file';

/** An incident's bundle spans its alerts plus this much before (the wave that raised them) and after. */
export const INCIDENT_MARGIN_MS = 60 * 60_000;

/** Names export writes: `incident-12-20250303-0812.earshot-bundle`, `period-…-2.earshot-bundle`. */
const BUNDLE_FILE_NAME = /^[a-z0-9][a-z0-9-]{0,99}\.earshot-bundle$/;

export interface ExportRequest {
  /** Which workspace to export from ('live' or an open read-only one). */
  workspace: string;
  incidentId?: number | null;
  from?: number | null;
  to?: number | null;
  topicId?: number | null;
  title?: string | null;
}

export interface BundleServiceOptions {
  /** Where exports are written: `<data>/exports`. */
  exportsDir: string;
  appVersion: string;
  limits?: BundleLimits;
}

export class BundleService {
  readonly exportsDir: string;
  private readonly limits: BundleLimits;

  constructor(
    private readonly workspaces: Workspaces,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly options: BundleServiceOptions,
  ) {
    this.exportsDir = resolve(options.exportsDir);
    this.limits = options.limits ?? DEFAULT_BUNDLE_LIMITS;
  }

  /** Writes a bundle of the scope to the exports folder. */
  export(request: ExportRequest): BundleSummary & { path: string } {
    const store = this.workspaces.storeFor(request.workspace);
    // One read transaction: one snapshot, even while another process (the app, under the command line) writes.
    const reader = bundleReader(store.db);
    const { scope, contents } = store.readTransaction(() => {
      const resolved = resolveScope(store, reader, request);
      return { scope: resolved, contents: reader.read(resolved) };
    });
    const body: BundleBody = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: this.now(),
      app: { name: 'Earshot', version: this.options.appVersion },
      scope,
      contents,
    };
    const { bytes, checksum } = encodeBundle(body, this.limits);
    ensurePrivateDir(this.exportsDir);
    const fileName = this.freeFileName(scope, body.createdAt);
    writePrivateFileAtomic(join(this.exportsDir, fileName), bytes);
    this.logger.info('bundle exported', { fileName, bytes: bytes.length, checksum, workspace: request.workspace });
    return {
      fileName,
      path: join(this.exportsDir, fileName),
      bytes: bytes.length,
      checksum,
      createdAt: body.createdAt,
      app: body.app,
      scope,
      counts: countsOf(contents),
    };
  }

  /** Checks a bundle file (size, gzip, format, version, schema, checksum) without importing it. */
  verify(path: string): BundleSummary {
    return verifyBundleFile(path, this.limits);
  }

  /** Checks a bundle file and opens it as a new read-only workspace. */
  import(path: string, options: { name?: string } = {}): { workspace: WorkspaceInfo; bundle: BundleSummary } {
    const file = resolve(path);
    const { doc, bytes } = readBundleFile(file, this.limits);
    const folder = join(this.workspaces.root, `bundle-${randomBytes(4).toString('hex')}`);
    try {
      buildWorkspace(folder, doc.contents);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      if (error instanceof ApiError) throw error;
      throw new ApiError('bad-params', `the bundle's contents could not be stored: ${(error as Error).message}`);
    }
    let workspace: WorkspaceInfo;
    try {
      workspace = this.workspaces.adopt(folder, { kind: 'bundle', name: options.name ?? doc.scope.title, origin: file, checksum: doc.checksum.value });
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    this.logger.info('bundle imported', { workspace: workspace.id, origin: file, checksum: doc.checksum.value });
    return { workspace, bundle: summaryOf(doc, basename(file), bytes) };
  }

  /** The file an export name points to, or null when the name is not a bundle's (for `GET /exports/<name>`). */
  exportPath(fileName: string): string | null {
    return BUNDLE_FILE_NAME.test(fileName) ? join(this.exportsDir, fileName) : null;
  }

  private freeFileName(scope: BundleScope, createdAt: number): string {
    const stamp = new Date(createdAt).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const stem = scope.incidentId !== null ? `incident-${scope.incidentId}-${stamp}` : `period-${stamp}`;
    for (let n = 1; ; n++) {
      const name = `${stem}${n === 1 ? '' : `-${n}`}${BUNDLE_EXTENSION}`;
      if (!existsSync(join(this.exportsDir, name))) return name;
    }
  }
}

/** Checks a bundle file without importing it (needs no data folder). */
export function verifyBundleFile(path: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): BundleSummary {
  const file = resolve(path);
  const { doc, bytes } = readBundleFile(file, limits);
  return summaryOf(doc, basename(file), bytes);
}

export function countsOf(contents: BundleContents): BundleCounts {
  return Object.fromEntries(BUNDLE_KINDS.map((k) => [k, contents[k].length])) as BundleCounts;
}

function summaryOf(doc: BundleDocument, fileName: string, bytes: number): BundleSummary {
  return { fileName, bytes, checksum: doc.checksum.value, createdAt: doc.createdAt, app: doc.app, scope: doc.scope, counts: countsOf(doc.contents) };
}

/** An incident: its alerts' span with a margin, its topic and title; else the given period. */
export function resolveScope(store: Store, reader: ReturnType<typeof bundleReader>, request: ExportRequest): BundleScope {
  const incidentId = request.incidentId ?? null;
  if (incidentId !== null) {
    const incident = reader.incident(incidentId);
    if (!incident) throw new ApiError('not-found', `no incident with id ${incidentId}`);
    const span = incident.alerts;
    const first = Math.min(span.first ?? incident.openedAt, incident.openedAt);
    const last = Math.max(span.last ?? 0, incident.lastAt, incident.resolvedAt ?? 0);
    return {
      incidentId,
      from: first - INCIDENT_MARGIN_MS,
      to: last + INCIDENT_MARGIN_MS,
      topicId: incident.topicId,
      title: (request.title ?? incident.title).slice(0, 300),
    };
  }
  const from = request.from ?? null;
  const to = request.to ?? null;
  if (from === null || to === null) throw new ApiError('bad-params', 'export needs an incident, or a period (from and to)');
  if (to < from) throw new ApiError('bad-params', 'the period ends before it starts');
  const topicId = request.topicId ?? null;
  let title = request.title ?? null;
  if (topicId !== null) {
    const topic = store.topics.get(topicId);
    if (!topic) throw new ApiError('not-found', `no topic with id ${topicId}`);
    title ??= `${topic.name}, ${new Date(from).toISOString().slice(0, 16)} to ${new Date(to).toISOString().slice(0, 16)} UTC`;
  }
  title ??= `${new Date(from).toISOString().slice(0, 16)} to ${new Date(to).toISOString().slice(0, 16)} UTC`;
  return { incidentId: null, from, to, topicId, title: title.slice(0, 300) };
}

/**
 * A fresh, migrated earshot.db in `folder` holding the contents, ids kept, with everything derived
 * from the mentions rebuilt the way the registry rebuilds it after a removal (per-minute rollups,
 * trending terms with the same term extraction, author hours, full text, the mention counter).
 */
export function buildWorkspace(folder: string, contents: BundleContents): void {
  if (existsSync(join(folder, DATABASE_FILE))) throw new Error(`${folder} already holds a database`);
  const store = openStore(folder);
  try {
    store.transaction(() => {
      writeBundleRows(store.db, contents);
      store.derived.rebuildAll({ termsOf: extractTerms });
    });
    store.checkpoint();
  } finally {
    store.close();
  }
}
