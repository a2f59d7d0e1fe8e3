/**
 * `npm run bundle -- export|verify|import …`: incident bundles from the command line, with the
 * same code as the app's calls.
 *
 * - export reads the data folder through a read-only connection, so it works while Earshot runs;
 *   the file goes to `<data folder>/exports/`.
 * - verify only reads the bundle file.
 * - import adds a read-only workspace to the data folder (shown in the Review view at the next
 *   start), so, like `npm run import`, it refuses to run while Earshot holds the folder.
 */
import { resolve } from 'node:path';
import { BUNDLE_KINDS, type BundleSummary } from '@shared/contract/bundle-schema';
import { ApiError } from '../../core/api/api-error';
import type { Logger } from '../../core/base/logger';
import { DataDirLockedError, lockDataDir } from '../../core/app/data-dir-lock';
import { defaultDataDir } from '../../core/app/env-options';
import { LiveHub } from '../../core/live/hub';
import { Workspaces } from '../../core/review/workspaces';
import { openStore } from '../../core/store/store';
import { BundleService, verifyBundleFile } from '../../core/bundles/bundle-service';

export const BUNDLE_USAGE = `Usage:
  npm run bundle -- export --incident <id> [--title TEXT] [--data-dir DIR]
  npm run bundle -- export --from <time> --to <time> [--topic <id>] [--title TEXT] [--data-dir DIR]
  npm run bundle -- verify <file.earshot-bundle>
  npm run bundle -- import <file.earshot-bundle> [--name TEXT] [--data-dir DIR]

  <time> is ISO 8601 (2015-02-22T08:00Z) or epoch milliseconds.
  --data-dir DIR   the data folder (default: EARSHOT_DATA_DIR, else the app's user data folder)
`;

export interface BundleCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  appVersion: string;
  now?: () => number;
}

const OPTIONS = ['incident', 'from', 'to', 'topic', 'title', 'name', 'data-dir'] as const;

/** Runs the command; resolves to the exit code (0 done, 1 refused or failed, 2 bad usage or folder in use). */
export async function runBundleCommand(argv: readonly string[], io: BundleCommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(BUNDLE_USAGE);
    return command === undefined ? 2 : 0;
  }
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (!(OPTIONS as readonly string[]).includes(name)) return usage(io, `unknown option --${name}`);
    if (value === undefined) return usage(io, `--${name} needs a value`);
    options.set(name, value);
  }
  const dataDir = resolve(options.get('data-dir') ?? (io.env.EARSHOT_DATA_DIR?.trim() || defaultDataDir(io.env)));
  const now = io.now ?? Date.now;
  const logger: Logger = {
    info: () => undefined,
    warn: (m, f) => io.err(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => io.err(`${m} ${JSON.stringify(f ?? {})}`),
  };
  try {
    switch (command) {
      case 'export': {
        if (positional.length > 0) return usage(io, `export takes no file (got ${positional.join(', ')})`);
        const incidentId = optionalInt(options.get('incident'), '--incident');
        const from = optionalTime(options.get('from'), '--from');
        const to = optionalTime(options.get('to'), '--to');
        const topicId = optionalInt(options.get('topic'), '--topic');
        if (incidentId === null && (from === null || to === null)) return usage(io, 'export needs --incident <id>, or --from and --to');
        const store = openStore(dataDir, { readonly: true });
        try {
          const bundles = new BundleService(new Workspaces(store, new LiveHub(), logger, now), logger, now, {
            exportsDir: resolve(dataDir, 'exports'),
            appVersion: io.appVersion,
          });
          const summary = bundles.export({ workspace: 'live', incidentId, from, to, topicId, title: options.get('title') ?? null });
          io.out(`Exported ${summary.path}`);
          describe(io, summary);
        } finally {
          store.close();
        }
        return 0;
      }
      case 'verify': {
        const file = onePath(positional);
        if (file === null) return usage(io, 'name one bundle file to verify');
        const summary = verifyBundleFile(file);
        io.out(`OK: ${resolve(file)} is intact (its contents match its checksum).`);
        describe(io, summary);
        return 0;
      }
      case 'import': {
        const file = onePath(positional);
        if (file === null) return usage(io, 'name one bundle file to import');
        const lock = lockDataDir(dataDir);
        try {
          const store = openStore(dataDir);
          const workspaces = new Workspaces(store, new LiveHub(), logger, now);
          try {
            // The saved list first: adopting adds to it rather than replacing it.
            workspaces.restore();
            const bundles = new BundleService(workspaces, logger, now, { exportsDir: resolve(dataDir, 'exports'), appVersion: io.appVersion });
            const name = options.get('name');
            const { workspace, bundle } = bundles.import(file, name === undefined ? {} : { name });
            io.out(`Imported ${resolve(file)} into ${dataDir} as the read-only workspace "${workspace.name}" (${workspace.id}); open it in the Review view.`);
            describe(io, bundle);
          } finally {
            workspaces.closeAll();
            store.close();
          }
        } finally {
          lock.release();
        }
        return 0;
      }
      default:
        return usage(io, `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.err(`bundle: Earshot is running on the data folder ${error.dataDir} (process ${error.ownerPid}). Quit it first, or import from the Review view.`);
      return 2;
    }
    if (error instanceof UsageError) return usage(io, error.message);
    io.err(`bundle: ${error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

class UsageError extends Error {}

function usage(io: BundleCommandIo, error: string): number {
  io.err(`bundle: ${error}`);
  io.err(BUNDLE_USAGE);
  return 2;
}

function onePath(positional: string[]): string | null {
  return positional.length === 1 ? positional[0]! : null;
}

function optionalInt(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number (got "${value}")`);
  return n;
}

function optionalTime(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(n)) throw new UsageError(`${name} must be an ISO 8601 time or epoch milliseconds (got "${value}")`);
  return n;
}

function describe(io: BundleCommandIo, s: BundleSummary): void {
  io.out(`  ${s.scope.title}`);
  io.out(
    `  ${new Date(s.scope.from).toISOString()} to ${new Date(s.scope.to).toISOString()}${s.scope.incidentId !== null ? `, incident ${s.scope.incidentId}` : ''}${s.scope.topicId !== null ? `, topic ${s.scope.topicId}` : ''}`,
  );
  io.out(`  ${s.bytes} bytes, written ${new Date(s.createdAt).toISOString()} by ${s.app.name} ${s.app.version}`);
  io.out(`  sha256 ${s.checksum}`);
  io.out(`  ${BUNDLE_KINDS.map((k) => `${k} ${s.counts[k]}`).join(', ')}`);
}
